package io.stepwise.functions.queue;

import io.stepwise.engine.Command;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.TaskInvoker;
import io.stepwise.runtime.TransitionQueue;
import java.time.Instant;
import java.util.Optional;

/**
 * What the consumer of the task queue does with a message: call the task's integration and put its answer on the
 * transition queue. A callback task handed over (its answer comes through SendTask*) is claimed until settled, so
 * no outbox sweep sends it again while it waits.
 */
public final class TaskWork {
    /** A claim no sweep outlives: the task waits for SendTask*, its timeout or a stop. */
    static final Instant UNTIL_SETTLED = Instant.parse("9999-12-31T23:59:59Z");

    private final TaskInvoker invoker;
    private final TransitionQueue transitions;
    private final ExecutionStore executions;

    public TaskWork(TaskInvoker invoker, TransitionQueue transitions, ExecutionStore executions) {
        this.invoker = invoker;
        this.transitions = transitions;
        this.executions = executions;
    }

    public void run(String messageBody) {
        String executionArn = Messages.taskExecution(messageBody);
        Command.InvokeTask task = Messages.task(messageBody);
        Optional<Trigger> answer = invoker.invoke(executionArn, task);
        if (answer.isPresent()) {
            transitions.enqueue(Delivery.of(executionArn, answer.get()));
        } else {
            executions.claim(executionArn, task.ref(), UNTIL_SETTLED);
        }
    }
}
