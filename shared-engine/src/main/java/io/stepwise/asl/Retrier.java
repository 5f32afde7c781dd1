package io.stepwise.asl;

import java.util.List;

/** One entry of a {@code Retry} array, with AWS's defaults applied. */
public record Retrier(
        List<String> errorEquals, double intervalSeconds, int maxAttempts, double backoffRate,
        Integer maxDelaySeconds, JitterStrategy jitterStrategy) {

    public enum JitterStrategy { FULL, NONE }

    public Retrier {
        errorEquals = List.copyOf(errorEquals);
    }
}
