package io.stepwise.engine;

import io.stepwise.asl.State;

/**
 * What one ASL state does when a branch reaches it, one implementation per state kind, each bound to its parsed state
 * and its {@link Dialect} when the interpreter is built ({@link StateProcessors}). The branch walking around it —
 * entering, failing, retrying, catching — is {@link StateRunner}'s.
 */
sealed interface StateProcessor permits PassProcessor, TaskProcessor, ChoiceProcessor, WaitProcessor,
        SucceedProcessor, FailProcessor, ParallelProcessor, InlineMapProcessor, DistributedMapProcessor {
    State state();

    Dialect dialect();

    /**
     * Runs the state, just entered or again after a retry's backoff: it exits, fails (by throwing a
     * {@link io.stepwise.query.StatesException} or through the runner) or leaves the branch waiting.
     */
    void execute(StateRunner runner, Frame frame);
}
