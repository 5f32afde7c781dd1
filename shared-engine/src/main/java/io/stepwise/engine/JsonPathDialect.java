package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.engine.state.BranchState;
import io.stepwise.query.EvalContext;

/**
 * The JSONPath dialect: InputPath, Parameters/Result, ResultSelector, ResultPath and OutputPath; {@code $} in
 * {@code Assign} is the result (Pass, Task, Parallel, Map), the effective input (Choice, Wait) or the error output
 * (Catch).
 */
final class JsonPathDialect implements Dialect {
    @Override
    public FieldScope scope(StateRunner runner, Frame frame, State state) {
        return new JsonPathScope(runner, frame, state);
    }

    @Override
    public JsonNode passResult(StateRunner runner, Frame frame, PassState pass) {
        BranchState branch = frame.branch();
        JsonNode effective = DataFlow.inputPath(pass.common().inputPath(), branch.stateInput,
                () -> runner.context(frame, branch.stateInput));
        if (pass.result() != null) {
            return pass.result();
        }
        return pass.parameters() != null ? pass.parameters().evaluate(runner.context(frame, effective)) : effective;
    }

    @Override
    public void exitWithResult(StateRunner runner, Frame frame, State state, ResultFields fields, JsonNode result,
            EvalContext ctx) {
        BranchState branch = frame.branch();
        JsonNode selected = fields.resultSelector() == null ? result : fields.resultSelector().evaluate(ctx);
        ObjectNode assigned = runner.assign(frame, state.common().assign(), selected);
        JsonNode merged = DataFlow.resultPath(fields.resultPath(), branch.stateInput, selected, runner.sizeMemo());
        JsonNode out = DataFlow.outputPath(state.common().outputPath(), merged, () -> ctx.withInput(merged));
        runner.exit(frame, state, out, assigned);
    }

    @Override
    public void exitCaught(StateRunner runner, Frame frame, State state, Catcher catcher, ObjectNode errorOutput) {
        BranchState branch = frame.branch();
        ObjectNode assigned = runner.assign(frame, catcher.assign(), errorOutput);
        JsonNode output = DataFlow.resultPath(catcher.resultPath(), branch.stateInput, errorOutput, runner.sizeMemo());
        runner.exitTo(frame, state, output, assigned, catcher.next());
    }
}
