package io.stepwise.engine.port;

import java.time.Instant;

/**
 * A Map Run: the child executions one Distributed Map state started, with its settings (UpdateMapRun changes them)
 * and progress.
 *
 * @param status {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or {@code ABORTED} (AWS MapRunStatus)
 * @param stopDate when the run ended, else {@code null}
 */
public record MapRunRecord(
        String mapRunArn, String executionArn, String stateMachineArn, String status, Instant startDate,
        Instant stopDate, int maxConcurrency, double toleratedFailurePercentage, long toleratedFailureCount,
        MapRunCounts itemCounts, MapRunCounts executionCounts) {
}
