package io.stepwise.runtime;

import io.stepwise.engine.Command;

/**
 * Hands committed tasks to whatever calls their integrations: locally a bounded pool in the process, on AWS a
 * task queue read by the task Lambda. Either way a {@link TaskInvoker} makes the call and the answer comes back as
 * a delivery on the {@link TransitionQueue}, never applied by the dispatcher itself.
 */
public interface TaskDispatcher {

    /**
     * Hands over a task the store has committed to its outbox, without waiting for the call. The same task may be
     * handed over again after a crash or by a recovery sweep: delivery is at least once, and an answer to an
     * attempt no longer pending is ignored.
     */
    void dispatch(String executionArn, Command.InvokeTask task);
}
