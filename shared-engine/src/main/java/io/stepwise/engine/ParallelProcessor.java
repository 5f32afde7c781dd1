package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.PARALLEL_STATE_STARTED;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.ParallelState;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.ChildrenState;
import io.stepwise.engine.state.Phase;

/**
 * Parallel: every branch starts with the same input (its dialect's Parameters or Arguments); the state's result is
 * their outputs in branch order ({@link ChildrenStep} runs the branches).
 */
record ParallelProcessor(ParallelState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        BranchState branch = frame.branch();
        JsonNode input = dialect.parallelInput(state, runner.context(frame, branch.stateInput),
                runner.context(frame, branch.stateInput, true, null));
        runner.run().emit(frame, PARALLEL_STATE_STARTED);
        ChildrenState children = new ChildrenState();
        children.total = state.branches().size();
        children.results = ChildrenStep.emptyResults(children.total);
        children.selectorInput = input;
        children.launchSource = branch.source;
        branch.children = children;
        branch.moveTo(Phase.CHILDREN);
        runner.children().pump(frame);
    }
}
