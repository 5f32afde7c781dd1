package io.stepwise.engine.port;

/**
 * How many items (or child executions) of a Map Run are in each state, as DescribeMapRun's {@code itemCounts} and
 * {@code executionCounts} report them.
 */
public record MapRunCounts(long pending, long running, long succeeded, long failed, long timedOut, long aborted) {
    public static final MapRunCounts NONE = new MapRunCounts(0, 0, 0, 0, 0, 0);

    public long total() {
        return pending + running + succeeded + failed + timedOut + aborted;
    }
}
