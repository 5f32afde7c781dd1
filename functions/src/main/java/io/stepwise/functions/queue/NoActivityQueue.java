package io.stepwise.functions.queue;

import io.stepwise.api.ApiException;
import io.stepwise.runtime.ActivityQueue;
import io.stepwise.runtime.ActivityTask;
import java.time.Duration;
import java.util.Optional;

/**
 * Stepwise on AWS has no activity queue yet: activities can be created, described, listed and deleted, but
 * GetActivityTask is refused, saying so, and no task is ever offered (the task worker's integrations do not route
 * activity ARNs, so an Activity state fails its task as an unknown resource).
 */
public final class NoActivityQueue implements ActivityQueue {
    static final String MESSAGE = "Activity tasks are not supported by Stepwise on AWS yet (no activity queue);"
            + " use Stepwise locally (stepwise serve) for activities, or a Lambda/SQS task with a task token";

    @Override
    public void offer(ActivityTask task) {
        throw new IllegalStateException(MESSAGE);
    }

    @Override
    public Optional<ActivityTask> poll(String activityArn, Duration maxWait) {
        throw ApiException.of("UnsupportedOperation", MESSAGE);
    }

    @Override
    public void acknowledge(ActivityTask task) {
    }

    @Override
    public void forget(String activityArn) {
    }
}
