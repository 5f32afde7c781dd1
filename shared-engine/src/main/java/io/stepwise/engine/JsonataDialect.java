package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.ChoiceBranch;
import io.stepwise.asl.ChoiceState;
import io.stepwise.asl.FailState;
import io.stepwise.asl.MapState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.asl.SucceedState;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
import io.stepwise.query.jsonata.JsonataBindings;
import io.stepwise.query.jsonata.JsonataExpression;
import io.stepwise.query.jsonata.JsonataTemplate;

/**
 * The JSONata dialect of the states: {@code $states.input/result/errorOutput/context}, {@code Arguments},
 * {@code Output}, {@code Assign}, {@code Condition}, {@code Items}. There are no InputPath, ResultPath or
 * OutputPath: a state's output is its {@code Output}, or else its result (Task, Map, Parallel) or its input.
 */
final class JsonataDialect implements Dialect {
    private final Run run;
    private final StateRunner runner;

    JsonataDialect(Run run, StateRunner runner) {
        this.run = run;
        this.runner = runner;
    }

    JsonataTemplate template(JsonNode node) {
        return run.templates.of(node);
    }

    JsonataBindings bindings(Frame frame, JsonNode input) {
        return JsonataBindings.of(new EvalContext(input, () -> run.context(frame, false, null, null), frame::lookup,
                run::random));
    }

    JsonNode evaluate(JsonNode template, JsonataBindings bindings, String field) {
        return template(template).evaluate(bindings, field, run.limits.jsonata());
    }

    /** {@code Output}, or {@code fallback} when the state has none. */
    JsonNode output(State state, JsonataBindings bindings, JsonNode fallback) {
        JsonNode template = state.common().output();
        return template == null ? fallback : evaluate(template, bindings, "Output");
    }

    /** Every expression of {@code Assign} sees the variables as they were when the state was entered. */
    ObjectNode assign(JsonNode assign, JsonataBindings bindings) {
        if (assign == null) {
            return null;
        }
        return (ObjectNode) evaluate(assign, bindings, "Assign");
    }

    @Override
    public void pass(Frame frame, PassState pass) {
        exitWithInput(frame, pass);
    }

    @Override
    public void succeed(Frame frame, SucceedState succeed) {
        JsonataBindings bindings = bindings(frame, frame.branch().stateInput);
        runner.exit(frame, succeed, output(succeed, bindings, frame.branch().stateInput), null);
    }

    @Override
    public void fail(Frame frame, FailState fail) {
        JsonataBindings bindings = bindings(frame, frame.branch().stateInput);
        String error = fail.error() == null ? null : text(evaluate(fail.error(), bindings, "Error"));
        String cause = fail.cause() == null ? null : text(evaluate(fail.cause(), bindings, "Cause"));
        runner.endBranchFailed(frame, error, cause);
    }

    @Override
    public void exitWithResult(Frame frame, State state, ResultFields fields, JsonNode result, EvalContext ctx) {
        JsonataBindings bindings = JsonataBindings.of(ctx.withInput(frame.branch().stateInput)).withResult(result);
        ObjectNode assigned = assign(state.common().assign(), bindings);
        runner.exit(frame, state, output(state, bindings, result), assigned);
    }

    @Override
    public void exitWithInput(Frame frame, State state) {
        JsonNode input = frame.branch().stateInput;
        JsonataBindings bindings = bindings(frame, input);
        ObjectNode assigned = assign(state.common().assign(), bindings);
        runner.exit(frame, state, output(state, bindings, input), assigned);
    }

    @Override
    public void exitCaught(Frame frame, State state, Catcher catcher, ObjectNode errorOutput) {
        JsonataBindings bindings = bindings(frame, frame.branch().stateInput).withErrorOutput(errorOutput);
        ObjectNode assigned = assign(catcher.assign(), bindings);
        JsonNode output = catcher.output() == null ? errorOutput : evaluate(catcher.output(), bindings, "Output");
        runner.exitTo(frame, state, output, assigned, catcher.next());
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : Json.write(value);
    }

    @Override
    public void choice(Frame frame, ChoiceState choice) {
        JsonNode input = frame.branch().stateInput;
        JsonataBindings bindings = bindings(frame, input);
        ObjectNode assigned = assign(choice.common().assign(), bindings);
        for (int i = 0; i < choice.choices().size(); i++) {
            ChoiceBranch rule = choice.choices().get(i);
            JsonNode condition = rule.condition();
            JsonNode value = evaluate(condition, bindings, "Condition");
            if (!value.isBoolean()) {
                throw unexpectedType(condition, "Condition", "boolean", value);
            }
            if (value.booleanValue()) {
                ObjectNode ruleAssigned = assign(rule.assign(), bindings);
                if (ruleAssigned != null) {
                    assigned = assigned == null ? ruleAssigned : assigned.setAll(ruleAssigned);
                }
                JsonNode output = rule.output() != null
                        ? evaluate(rule.output(), bindings, "Output")
                        : output(choice, bindings, input);
                runner.exitTo(frame, choice, output, assigned, rule.next());
                return;
            }
        }
        if (choice.defaultNext() == null) {
            throw new StatesException(StatesErrors.NO_CHOICE_MATCHED, "No Matches!");
        }
        runner.exitTo(frame, choice, output(choice, bindings, input), assigned, choice.defaultNext());
    }

    /** A JSONata field that must evaluate to a number of seconds ({@code TimeoutSeconds}, Wait {@code Seconds}). */
    JsonNode number(JsonNode field, JsonataBindings bindings, String name) {
        JsonNode value = field.isTextual() ? evaluate(field, bindings, name) : field;
        if (!value.isNumber()) {
            throw unexpectedType(field, name, "number", value);
        }
        return value;
    }

    /** Map {@code Items}: an array, an expression yielding one, or (absent) the state input, which must be one. */
    ArrayNode items(MapState map, JsonataBindings bindings) {
        if (map.items() == null) {
            JsonNode input = bindings.input();
            if (!input.isArray()) {
                throw StatesException.queryEvaluation("Map state input must be an array but was: " + Json.write(input));
            }
            return (ArrayNode) input;
        }
        JsonNode value = evaluate(map.items(), bindings, "Items");
        if (!value.isArray()) {
            throw unexpectedType(map.items(), "Items", "array", value);
        }
        return (ArrayNode) value;
    }

    private static StatesException unexpectedType(JsonNode field, String name, String expected, JsonNode value) {
        if (field.isTextual() && JsonataTemplate.isExpression(field.asText())) {
            return JsonataExpression.compile(JsonataTemplate.expressionBody(field.asText()))
                    .unexpectedResultType(name, expected, value);
        }
        return StatesException.queryEvaluation("The field '" + name + "' must be a " + expected + " but was: "
                + Json.write(value));
    }
}
