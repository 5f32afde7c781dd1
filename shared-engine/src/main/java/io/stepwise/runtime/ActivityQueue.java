package io.stepwise.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * The tasks Activity states scheduled, waiting for a worker's {@code GetActivityTask}. Locally a queue in memory
 * that the runner refills from its task outbox at start; on AWS a queue service whose long poll is capped. Tasks are
 * handed out at least once: a task taken but never acknowledged may come again, and the API skips one whose
 * execution no longer waits for it.
 */
public interface ActivityQueue {

    /** Adds a task after the commit that scheduled it; the same task may be offered again (outbox recovery). */
    void offer(ActivityTask task);

    /**
     * The oldest task of the activity not handed out, waiting up to {@code maxWait} for one. An adapter may return
     * empty before {@code maxWait} (a queue service caps its long poll), so callers loop until their own deadline.
     * An interrupted poll returns empty with the thread's interrupt flag set.
     */
    Optional<ActivityTask> poll(String activityArn, Duration maxWait);

    /**
     * Removes a task {@link #poll} returned, once its worker is recorded as started or the task turned out stale;
     * an adapter that hides taken tasks only for a while hands an unacknowledged one out again.
     */
    void acknowledge(ActivityTask task);

    /** Drops the waiting tasks of a deleted activity. */
    void forget(String activityArn);

    /**
     * The longest one {@code GetActivityTask} may wait with this queue: AWS's 60 seconds, unless the API is served
     * where a request may not last that long (API Gateway ends one at 29 seconds); the answer is then empty sooner
     * and workers poll again, as they do after any empty answer.
     */
    default Duration longestGetActivityTask() {
        return Duration.ofSeconds(60);
    }
}
