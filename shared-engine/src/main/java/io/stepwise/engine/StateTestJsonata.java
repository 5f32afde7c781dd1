package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.ChoiceBranch;
import io.stepwise.asl.ChoiceState;
import io.stepwise.asl.FailState;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.asl.SucceedState;
import io.stepwise.asl.TaskState;
import io.stepwise.asl.WaitState;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
import io.stepwise.query.jsonata.JsonataBindings;

/**
 * {@link StateTester} for a state in the JSONata dialect: {@code Arguments}, {@code Output}, {@code Assign},
 * {@code Condition} and Map's {@code Items}, over the {@code $states} bindings.
 */
final class StateTestJsonata implements StateTestDialect {
    private final StateTester tester;

    StateTestJsonata(StateTester tester) {
        this.tester = tester;
    }

    @Override
    public StateTestResult run(State state) {
        JsonNode input = tester.test.input();
        JsonataBindings bindings = JsonataBindings.of(tester.ctx(input));
        if (state instanceof PassState || state instanceof SucceedState || state instanceof WaitState) {
            ObjectNode assigned = assign(state.common().assign(), bindings);
            return tester.succeeded(state, output(state, bindings, input), assigned, tester.next(state));
        }
        if (state instanceof ChoiceState choice) {
            ObjectNode assigned = assign(choice.common().assign(), bindings);
            for (ChoiceBranch rule : choice.choices()) {
                JsonNode value = evaluate(rule.condition(), bindings, "Condition");
                if (!value.isBoolean()) {
                    throw StatesException.queryEvaluation("The field 'Condition' must be a boolean but was: "
                            + Json.write(value));
                }
                if (value.booleanValue()) {
                    assigned = tester.merge(assigned, assign(rule.assign(), bindings));
                    JsonNode output = rule.output() != null ? evaluate(rule.output(), bindings, "Output")
                            : output(choice, bindings, input);
                    return tester.succeeded(state, output, assigned, rule.next());
                }
            }
            if (choice.defaultNext() == null) {
                throw new StatesException(StatesErrors.NO_CHOICE_MATCHED, "No Matches!");
            }
            return tester.succeeded(state, output(choice, bindings, input), assigned, choice.defaultNext());
        }
        JsonNode arguments = null;
        JsonNode credentials = null;
        if (state instanceof TaskState task) {
            arguments = tester.inspect("afterArguments", task.arguments() == null ? input
                    : evaluate(task.arguments(), bindings, "Arguments"));
            credentials = task.credentials() == null ? null : evaluate(task.credentials(), bindings, "Credentials");
        } else if (state instanceof ParallelState parallel && parallel.arguments() != null) {
            evaluate(parallel.arguments(), bindings, "Arguments");
        } else if (state instanceof MapState map) {
            int items = map.itemReader() != null ? tester.readerItems() : jsonataItems(map, bindings);
            JsonNode max = map.maxConcurrency() == null ? null
                    : number(map.maxConcurrency(), bindings, "MaxConcurrency");
            tester.inspection.put("maxConcurrency", max == null ? 0 : max.intValue());
            JsonNode count = map.toleratedFailureCount() == null ? null
                    : number(map.toleratedFailureCount(), bindings, "ToleratedFailureCount");
            JsonNode percentage = map.toleratedFailurePercentage() == null ? null
                    : number(map.toleratedFailurePercentage(), bindings, "ToleratedFailurePercentage");
            tester.checkTolerance(map, count, percentage, items);
        }
        StateTest.Mock answer = tester.answer(state, arguments, credentials);
        if (answer.failed()) {
            return tester.failed(state, answer.error(), answer.cause(), true);
        }
        JsonNode result = answer.result();
        if (state instanceof TaskState) {
            tester.inspect("result", result);
        }
        JsonataBindings withResult = bindings.withResult(result);
        ObjectNode assigned = assign(state.common().assign(), withResult);
        return tester.succeeded(state, output(state, withResult, result), assigned, tester.next(state));
    }

    @Override
    public Failure failure(FailState fail) {
        JsonataBindings bindings = JsonataBindings.of(tester.ctx(tester.test.input()));
        String error = fail.error() == null ? null : StateTester.text(evaluate(fail.error(), bindings, "Error"));
        String cause = fail.cause() == null ? null : StateTester.text(evaluate(fail.cause(), bindings, "Cause"));
        return new Failure(error, cause);
    }

    @Override
    public Caught caught(Catcher catcher, ObjectNode errorOutput) {
        JsonataBindings bindings = JsonataBindings.of(tester.ctx(tester.test.input())).withErrorOutput(errorOutput);
        ObjectNode assigned = assign(catcher.assign(), bindings);
        JsonNode output = catcher.output() == null ? errorOutput : evaluate(catcher.output(), bindings, "Output");
        return new Caught(output, assigned);
    }

    private int jsonataItems(MapState map, JsonataBindings bindings) {
        JsonNode items = map.items() == null ? bindings.input() : evaluate(map.items(), bindings, "Items");
        if (!items.isArray()) {
            throw StatesException.queryEvaluation("The field 'Items' must be an array but was: " + Json.write(items));
        }
        if (map.jsonataItemSelector() != null) {
            ArrayNode selected = Json.MAPPER.createArrayNode();
            for (int i = 0; i < items.size(); i++) {
                JsonataBindings itemBindings = new JsonataBindings(bindings.input(), null, null,
                        tester.itemContext(i, items.get(i)), bindings.variables(), bindings.random());
                selected.add(evaluate(map.jsonataItemSelector(), itemBindings, "ItemSelector"));
            }
            tester.inspect("afterItemSelector", selected);
        }
        return items.size();
    }

    private JsonNode number(JsonNode field, JsonataBindings bindings, String name) {
        JsonNode value = field.isTextual() ? evaluate(field, bindings, name) : field;
        if (!value.isNumber()) {
            throw StatesException.queryEvaluation("The field '" + name + "' must be a number but was: "
                    + Json.write(value));
        }
        return value;
    }

    private JsonNode evaluate(JsonNode template, JsonataBindings bindings, String field) {
        return tester.test.fields().jsonata(template).evaluate(bindings, field);
    }

    private JsonNode output(State state, JsonataBindings bindings, JsonNode fallback) {
        JsonNode template = state.common().output();
        return template == null ? fallback : evaluate(template, bindings, "Output");
    }

    private ObjectNode assign(JsonNode assign, JsonataBindings bindings) {
        return assign == null ? null : (ObjectNode) evaluate(assign, bindings, "Assign");
    }

}
