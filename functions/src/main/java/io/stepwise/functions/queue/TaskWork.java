package io.stepwise.functions.queue;

import io.stepwise.engine.Command;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.TaskOutbox;
import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.TaskInvoker;
import io.stepwise.runtime.TransitionQueue;
import io.stepwise.runtime.TransitionRunner;
import java.time.Instant;
import java.util.Optional;

/**
 * What the consumer of the task queue does with a message: call the task's integration and apply its answer to the
 * execution with one compare-and-set, or, when another step of the execution committed first, put the answer on the
 * transition queue, whose consumer applies one execution's triggers one at a time. A sequential workflow's answers
 * thus skip the queue (a FIFO send, receive and delete and a transition invocation each) while concurrent branches'
 * answers still never storm the compare-and-set. A callback task handed over (its answer comes through SendTask*)
 * is claimed until settled, so no outbox sweep sends it again while it waits.
 */
public final class TaskWork {
    /** A claim no sweep outlives: the task waits for SendTask*, its timeout or a stop. */
    static final Instant UNTIL_SETTLED = Instant.parse("9999-12-31T23:59:59Z");

    private final TaskInvoker invoker;
    private final TransitionRunner runner;
    private final TransitionQueue transitions;
    private final TaskOutbox outbox;

    public TaskWork(TaskInvoker invoker, TransitionRunner runner, TransitionQueue transitions,
            TaskOutbox outbox) {
        this.invoker = invoker;
        this.runner = runner;
        this.transitions = transitions;
        this.outbox = outbox;
    }

    /**
     * Whether the answer was applied here. Any failure sends it to the queue instead of failing the message: the
     * task has been called, and a failed message would be delivered again and call it again.
     */
    private boolean applied(Delivery delivery) {
        try {
            return runner.tryDeliver(delivery);
        } catch (RuntimeException e) {
            System.err.println("stepwise: applying the answer to " + delivery.executionArn()
                    + " failed, it goes through the transition queue: " + e);
            return false;
        }
    }

    public void run(String messageBody) {
        String executionArn = Messages.taskExecution(messageBody);
        Command.InvokeTask task = Messages.task(messageBody);
        Optional<Trigger> answer = invoker.invoke(executionArn, task);
        if (answer.isPresent()) {
            Delivery delivery = Delivery.of(executionArn, answer.get());
            if (!applied(delivery)) {
                transitions.enqueue(delivery);
            }
        } else {
            outbox.claim(executionArn, task.ref(), UNTIL_SETTLED);
        }
    }
}
