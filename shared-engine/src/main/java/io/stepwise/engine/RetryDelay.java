package io.stepwise.engine;

import io.stepwise.asl.Retrier;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** The wait before a retry: {@code IntervalSeconds × BackoffRate^attempt}, capped, optionally jittered. */
public final class RetryDelay {
    private RetryDelay() {
    }

    /**
     * @param attempt retries already made by this retrier (0 before the first retry)
     * @param random the source of jitter; only drawn from for {@code JitterStrategy: FULL}
     */
    public static Duration of(Retrier retrier, int attempt, RandomGenerator random) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempt);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        if (retrier.jitterStrategy() == Retrier.JitterStrategy.FULL) {
            seconds = random.nextDouble() * seconds;
        }
        return Duration.ofNanos((long) (seconds * 1_000_000_000L));
    }
}
