package io.stepwise.runtime;

import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.query.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The queues behind activities: an Activity task state enqueues its task here and waits for a callback; a worker's
 * {@code GetActivityTask} takes it. The queues are held in memory: at startup the runner refills them from its
 * task outbox, so a task scheduled before a restart is handed out after it (again, if a worker had taken it but
 * not answered: activity tasks are delivered at least once).
 */
public final class ActivityTasks implements Integration {
    private final Map<String, BlockingQueue<ActivityTask>> queues = new ConcurrentHashMap<>();

    private BlockingQueue<ActivityTask> queue(String activityArn) {
        return queues.computeIfAbsent(activityArn, arn -> new LinkedBlockingQueue<>());
    }

    /** Enqueues the task; its result arrives through SendTaskSuccess/Failure with the task's token. */
    @Override
    public TaskOutcome invoke(TaskRequest request) {
        queue(request.resource()).add(new ActivityTask(request.resource(), request.executionArn(),
                request.taskToken(), Json.write(request.input())));
        return new TaskOutcome.Pending();
    }

    /** The oldest task of the activity, waiting up to {@code wait} for one; empty if none came. */
    public Optional<ActivityTask> poll(String activityArn, Duration wait) throws InterruptedException {
        return Optional.ofNullable(queue(activityArn).poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Drops the queue of a deleted activity. */
    public void forget(String activityArn) {
        queues.remove(activityArn);
    }
}
