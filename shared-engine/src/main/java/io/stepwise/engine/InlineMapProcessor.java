package io.stepwise.engine;

import io.stepwise.asl.MapState;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.ChildrenState;
import io.stepwise.engine.state.Phase;

/**
 * An inline Map: one iteration per item, run as branches of this execution, at most MaxConcurrency at a time
 * ({@link ChildrenStep} runs them) and never more than {@link #MAX_CONCURRENT_ITERATIONS}.
 */
record InlineMapProcessor(MapState state, Dialect dialect) implements StateProcessor {
    /**
     * AWS runs an inline Map's iterations at most 40 at a time, whatever MaxConcurrency says ("In this mode, the Map
     * state supports up to 40 concurrent iterations", the developer guide's "Using Map state in Inline mode"); wider
     * work is what Distributed mode is for. It also bounds the parent state: only the running iterations are kept in
     * it, beside the items and the results.
     */
    static final int MAX_CONCURRENT_ITERATIONS = 40;

    @Override
    public void execute(StateRunner runner, Frame frame) {
        BranchState branch = frame.branch();
        ChildrenState children = MapStart.children(runner, frame, state, dialect, MapStart.effectiveContext(runner,
                frame, state));
        children.maxConcurrency = children.maxConcurrency == 0
                ? MAX_CONCURRENT_ITERATIONS : Math.min(children.maxConcurrency, MAX_CONCURRENT_ITERATIONS);
        children.launchSource = branch.source;
        branch.children = children;
        branch.moveTo(Phase.CHILDREN);
        runner.children().pump(frame);
    }
}
