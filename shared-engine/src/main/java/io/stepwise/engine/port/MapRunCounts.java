package io.stepwise.engine.port;

/**
 * How many items (or child executions) of a Map Run are in each state, as DescribeMapRun's {@code itemCounts} and
 * {@code executionCounts} report them.
 *
 * @param pendingRedrive unsuccessful children of a redriven Map Run that have not been redriven yet
 * @param failuresNotRedrivable unsuccessful children that a redrive of the Map Run could not redrive
 */
public record MapRunCounts(long pending, long running, long succeeded, long failed, long timedOut, long aborted,
        long pendingRedrive, long failuresNotRedrivable) {
    public static final MapRunCounts NONE = new MapRunCounts(0, 0, 0, 0, 0, 0);

    /** Counts of a Map Run no redrive has touched. */
    public MapRunCounts(long pending, long running, long succeeded, long failed, long timedOut, long aborted) {
        this(pending, running, succeeded, failed, timedOut, aborted, 0, 0);
    }

    public long total() {
        return pending + running + succeeded + failed + timedOut + aborted + pendingRedrive + failuresNotRedrivable;
    }
}
