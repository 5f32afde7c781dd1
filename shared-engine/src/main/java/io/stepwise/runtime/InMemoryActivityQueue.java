package io.stepwise.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The activity queues of one process, in memory. A polled task is gone from the queue at once, so acknowledging
 * needs nothing; a task lost with the process is offered again when the runner resumes its outbox at start.
 */
public final class InMemoryActivityQueue implements ActivityQueue {
    private final Map<String, BlockingQueue<ActivityTask>> queues = new ConcurrentHashMap<>();

    private BlockingQueue<ActivityTask> queue(String activityArn) {
        return queues.computeIfAbsent(activityArn, arn -> new LinkedBlockingQueue<>());
    }

    @Override
    public void offer(ActivityTask task) {
        queue(task.activityArn()).add(task);
    }

    @Override
    public Optional<ActivityTask> poll(String activityArn, Duration maxWait) {
        try {
            return Optional.ofNullable(queue(activityArn).poll(maxWait.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void acknowledge(ActivityTask task) {
    }

    @Override
    public void forget(String activityArn) {
        queues.remove(activityArn);
    }
}
