package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ActivityQueue} adapter must do; an adapter's test extends this and supplies a new, empty queue. */
public abstract class ActivityQueueContract {
    private static final String WORK = "arn:aws:states:us-east-1:123456789012:activity:work";
    private static final String OTHER = "arn:aws:states:us-east-1:123456789012:activity:other";

    private ActivityQueue queue;

    protected abstract ActivityQueue createQueue();

    @BeforeEach
    void setUp() {
        queue = createQueue();
    }

    private static ActivityTask task(String activityArn, String token) {
        return new ActivityTask(activityArn, "arn:aws:states:us-east-1:123456789012:execution:m:e", token,
                "{\"n\":\"" + token + "\"}");
    }

    @Test
    void tasksAreHandedOutOldestFirstAndOnlyToTheirActivity() {
        queue.offer(task(WORK, "a"));
        queue.offer(task(OTHER, "x"));
        queue.offer(task(WORK, "b"));

        ActivityTask first = queue.poll(WORK, Duration.ofSeconds(5)).orElseThrow();
        queue.acknowledge(first);
        ActivityTask second = queue.poll(WORK, Duration.ofSeconds(5)).orElseThrow();
        queue.acknowledge(second);

        assertThat(first).isEqualTo(task(WORK, "a"));
        assertThat(second).isEqualTo(task(WORK, "b"));
        assertThat(queue.poll(OTHER, Duration.ofSeconds(5))).contains(task(OTHER, "x"));
    }

    @Test
    void anAcknowledgedTaskIsNotHandedOutAgain() {
        queue.offer(task(WORK, "a"));
        queue.acknowledge(queue.poll(WORK, Duration.ofSeconds(5)).orElseThrow());

        assertThat(queue.poll(WORK, Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void aPollWaitsForATaskOfferedWhileItWaits() throws Exception {
        CompletableFuture<Optional<ActivityTask>> polled = CompletableFuture.supplyAsync(() ->
                queue.poll(WORK, Duration.ofSeconds(10)));
        Thread.sleep(50);
        queue.offer(task(WORK, "late"));

        assertThat(polled.get(10, TimeUnit.SECONDS)).contains(task(WORK, "late"));
    }

    @Test
    void aPollWithNothingQueuedReturnsEmptyWithinItsWait() {
        long started = System.nanoTime();

        assertThat(queue.poll(WORK, Duration.ofMillis(100))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aDeletedActivitysTasksAreDropped() {
        queue.offer(task(WORK, "a"));
        queue.forget(WORK);

        assertThat(queue.poll(WORK, Duration.ofMillis(50))).isEmpty();
    }
}
