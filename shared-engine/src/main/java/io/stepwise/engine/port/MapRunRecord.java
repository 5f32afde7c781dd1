package io.stepwise.engine.port;

import java.time.Instant;

/**
 * A Map Run: the child executions one Distributed Map state started, with its settings (UpdateMapRun changes them)
 * and progress.
 *
 * @param status {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or {@code ABORTED} (AWS MapRunStatus)
 * @param stopDate when the run ended, else {@code null}
 * @param redriveCount how often a redrive of the parent redrove the run
 * @param redriveDate when it was last redriven, else {@code null}
 * @param resultsWritten how many children's results a ResultWriter exported (0 without one)
 */
public record MapRunRecord(
        String mapRunArn, String executionArn, String stateMachineArn, String status, Instant startDate,
        Instant stopDate, int maxConcurrency, double toleratedFailurePercentage, long toleratedFailureCount,
        MapRunCounts itemCounts, MapRunCounts executionCounts, int redriveCount, Instant redriveDate,
        long resultsWritten) {

    /** A Map Run never redriven. */
    public MapRunRecord(String mapRunArn, String executionArn, String stateMachineArn, String status,
            Instant startDate, Instant stopDate, int maxConcurrency, double toleratedFailurePercentage,
            long toleratedFailureCount, MapRunCounts itemCounts, MapRunCounts executionCounts) {
        this(mapRunArn, executionArn, stateMachineArn, status, startDate, stopDate, maxConcurrency,
                toleratedFailurePercentage, toleratedFailureCount, itemCounts, executionCounts, 0, null, 0);
    }

    /** This run with other counts (items and executions alike: each item is a child). */
    public MapRunRecord withCounts(MapRunCounts counts) {
        return new MapRunRecord(mapRunArn, executionArn, stateMachineArn, status, startDate, stopDate, maxConcurrency,
                toleratedFailurePercentage, toleratedFailureCount, counts, counts, redriveCount, redriveDate,
                resultsWritten);
    }

    /** This run with another status and stop date. */
    public MapRunRecord withStatus(String newStatus, Instant newStopDate) {
        return new MapRunRecord(mapRunArn, executionArn, stateMachineArn, newStatus, startDate, newStopDate,
                maxConcurrency, toleratedFailurePercentage, toleratedFailureCount, itemCounts, executionCounts,
                redriveCount, redriveDate, resultsWritten);
    }

    /** This run with {@code count} children's results exported by its ResultWriter. */
    public MapRunRecord withResultsWritten(long count) {
        return new MapRunRecord(mapRunArn, executionArn, stateMachineArn, status, startDate, stopDate,
                maxConcurrency, toleratedFailurePercentage, toleratedFailureCount, itemCounts, executionCounts,
                redriveCount, redriveDate, count);
    }
}
