package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.ChoiceBranch;
import io.stepwise.asl.ChoiceState;
import io.stepwise.asl.FailState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.asl.SucceedState;
import io.stepwise.engine.state.BranchState;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.PayloadTemplate;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;

/**
 * The JSONPath dialect: InputPath, Parameters/Result, ResultSelector, ResultPath and OutputPath; {@code $} in
 * {@code Assign} is the result (Pass, Task, Parallel, Map), the effective input (Choice, Wait) or the error output
 * (Catch).
 */
final class JsonPathDialect implements Dialect {
    private final StateRunner runner;

    JsonPathDialect(StateRunner runner) {
        this.runner = runner;
    }

    @Override
    public void pass(Frame frame, PassState pass) {
        BranchState branch = frame.branch();
        JsonNode effective = DataFlow.inputPath(pass.common().inputPath(), branch.stateInput,
                () -> runner.context(frame, branch.stateInput));
        JsonNode result;
        if (pass.result() != null) {
            result = pass.result();
        } else if (pass.parameters() != null) {
            result = pass.parameters().evaluate(runner.context(frame, effective));
        } else {
            result = effective;
        }
        exitWithResult(frame, pass, ResultFields.of(pass), result, runner.context(frame, result));
    }

    @Override
    public void choice(Frame frame, ChoiceState choice) {
        BranchState branch = frame.branch();
        JsonNode effective = DataFlow.inputPath(choice.common().inputPath(), runner.context(frame, branch.stateInput));
        EvalContext ctx = runner.context(frame, effective);
        String next = null;
        ObjectNode assigned = runner.assign(frame, choice.common().assign(), effective);
        for (ChoiceBranch rule : choice.choices()) {
            if (rule.rule() != null && rule.rule().matches(ctx)) {
                next = rule.next();
                ObjectNode ruleAssigned = runner.assign(frame, rule.assign(), effective);
                if (ruleAssigned != null) {
                    assigned = assigned == null ? ruleAssigned : assigned.setAll(ruleAssigned);
                }
                break;
            }
        }
        if (next == null) {
            next = choice.defaultNext();
        }
        if (next == null) {
            throw new StatesException(StatesErrors.NO_CHOICE_MATCHED, "No Matches!");
        }
        JsonNode output = DataFlow.outputPath(choice.common().outputPath(), ctx);
        runner.exitTo(frame, choice, output, assigned, next);
    }

    @Override
    public void succeed(Frame frame, SucceedState succeed) {
        BranchState branch = frame.branch();
        JsonNode effective = DataFlow.inputPath(succeed.common().inputPath(), runner.context(frame, branch.stateInput));
        JsonNode output = DataFlow.outputPath(succeed.common().outputPath(), runner.context(frame, effective));
        runner.exit(frame, succeed, output, null);
    }

    @Override
    public void fail(Frame frame, FailState state) {
        EvalContext ctx = runner.context(frame, frame.branch().stateInput);
        String error = state.error() != null ? state.error().asText() : valueOf(state.errorPath(), "ErrorPath", ctx);
        String cause = state.cause() != null ? state.cause().asText() : valueOf(state.causePath(), "CausePath", ctx);
        runner.endBranchFailed(frame, error, cause);
    }

    @Override
    public void exitWithResult(Frame frame, State state, ResultFields fields, JsonNode result, EvalContext ctx) {
        BranchState branch = frame.branch();
        JsonNode selected = fields.resultSelector() == null ? result : fields.resultSelector().evaluate(ctx);
        ObjectNode assigned = runner.assign(frame, state.common().assign(), selected);
        JsonNode merged = DataFlow.resultPath(fields.resultPath(), branch.stateInput, selected, runner.sizeMemo());
        JsonNode out = DataFlow.outputPath(state.common().outputPath(), merged, () -> ctx.withInput(merged));
        runner.exit(frame, state, out, assigned);
    }

    @Override
    public void exitWithInput(Frame frame, State state) {
        BranchState branch = frame.branch();
        EvalContext ctx = runner.context(frame, branch.stateInput);
        JsonNode effective = DataFlow.inputPath(state.common().inputPath(), ctx);
        ObjectNode assigned = runner.assign(frame, state.common().assign(), effective);
        JsonNode output = DataFlow.outputPath(state.common().outputPath(), ctx.withInput(effective));
        runner.exit(frame, state, output, assigned);
    }

    @Override
    public void exitCaught(Frame frame, State state, Catcher catcher, ObjectNode errorOutput) {
        BranchState branch = frame.branch();
        ObjectNode assigned = runner.assign(frame, catcher.assign(), errorOutput);
        JsonNode output = DataFlow.resultPath(catcher.resultPath(), branch.stateInput, errorOutput, runner.sizeMemo());
        runner.exitTo(frame, state, output, assigned, catcher.next());
    }

    /**
     * Resolves ErrorPath or CausePath. A path that selects nothing is worded as for a payload template field,
     * naming the Fail state's field (recorded: LocalStack test_base_scenarios.py::test_invalid_jsonpath
     * [INVALID_JSONPATH_IN_ERRORPATH], "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be
     * found in the input '...'").
     */
    private static String valueOf(String pathOrIntrinsic, String field, EvalContext ctx) {
        if (pathOrIntrinsic == null) {
            return null;
        }
        JsonNode value;
        if (pathOrIntrinsic.startsWith("$")) {
            JsonPathExpression path = JsonPathExpression.compile(pathOrIntrinsic);
            try {
                value = path.read(ctx);
            } catch (JsonPathExpression.PathNotFound e) {
                throw StatesException.runtime("The JSONPath '" + path.text() + "' specified for the field '" + field
                        + "' could not be found in the input '" + ctx.describe(path) + "'");
            }
        } else {
            ObjectNode template = Json.MAPPER.createObjectNode().put(field + ".$", pathOrIntrinsic);
            value = PayloadTemplate.compile(template).evaluate(ctx).get(field);
        }
        return value.isTextual() ? value.asText() : Json.write(value);
    }
}
