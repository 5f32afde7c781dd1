package io.stepwise.engine;

import io.stepwise.asl.MapState;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.ChildrenState;
import io.stepwise.engine.state.Phase;

/**
 * An inline Map: one iteration per item, run as branches of this execution, at most MaxConcurrency at a time
 * ({@link ChildrenStep} runs them).
 */
record InlineMapProcessor(MapState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        BranchState branch = frame.branch();
        ChildrenState children = MapStart.children(runner, frame, state, dialect, MapStart.effectiveContext(runner,
                frame, state));
        children.launchSource = branch.source;
        branch.children = children;
        branch.moveTo(Phase.CHILDREN);
        runner.children().pump(frame);
    }
}
