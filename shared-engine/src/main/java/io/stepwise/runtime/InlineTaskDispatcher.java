package io.stepwise.runtime;

import io.stepwise.engine.Command;

/**
 * Calls each task at once, on the thread that committed it, and queues its answer as a delivery: an in-memory
 * run's dispatcher. The answer is applied after the deliveries queued before it, never inside the step that asked
 * for the call; a callback task (.waitForTaskToken, an activity) queues nothing.
 */
final class InlineTaskDispatcher implements TaskDispatcher {
    private final TaskInvoker invoker;
    private final TransitionQueue answers;

    InlineTaskDispatcher(TaskInvoker invoker, TransitionQueue answers) {
        this.invoker = invoker;
        this.answers = answers;
    }

    @Override
    public void dispatch(String executionArn, Command.InvokeTask task) {
        invoker.invoke(executionArn, task).ifPresent(answer -> answers.enqueue(Delivery.of(executionArn, answer)));
    }
}
