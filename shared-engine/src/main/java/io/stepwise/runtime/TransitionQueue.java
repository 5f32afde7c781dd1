package io.stepwise.runtime;

/**
 * The triggers waiting to be applied by a {@link TransitionRunner}: task results, timer fires, continuations. A
 * queue hands each delivery to the runner at least once; duplicates are harmless because every trigger names the
 * command it answers. Locally an in-process queue drained by a bounded pool; on AWS an SQS queue.
 */
public interface TransitionQueue {

    /**
     * Accepts {@code delivery} for a later {@link TransitionRunner#deliver(Delivery)}, without waiting for it. An
     * adapter applies the deliveries of one execution one at a time and those of different executions
     * independently, so one slow step never holds up another execution.
     */
    void enqueue(Delivery delivery);
}
