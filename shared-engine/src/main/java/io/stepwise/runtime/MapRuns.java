package io.stepwise.runtime;

import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.MapRunCounts;
import io.stepwise.engine.port.MapRunRecord;
import io.stepwise.engine.port.MapRunStore;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Keeps the Map Run records current as their children start and end, for DescribeMapRun and ListMapRuns. The
 * parent execution's state is what decides; the record reports it. A count is changed only by the delivery that
 * changed the parent, so a repeated notice is not counted twice.
 */
public final class MapRuns {
    /** For runtimes that keep no Map Run records. */
    public static final MapRuns NONE = new MapRuns(null);
    private static final int MAX_ATTEMPTS = 1_000;

    private final MapRunStore store;

    public MapRuns(MapRunStore store) {
        this.store = store;
    }

    /** Creates the record when the run's first children start; every later start finds it. */
    void started(Command.StartChildren start, String executionArn, String stateMachineArn, Instant at) {
        if (store == null || store.find(start.mapRunArn()).isPresent()) {
            return;
        }
        // An ItemReader's count is known only at its last page (total -1 until then).
        MapRunCounts pending = new MapRunCounts(Math.max(0, start.total()), 0, 0, 0, 0, 0);
        store.create(new MapRunRecord(start.mapRunArn(), executionArn, stateMachineArn, "RUNNING", at, null,
                start.maxConcurrency(), Math.max(0, start.toleratedFailurePercentage()),
                Math.max(0, start.toleratedFailureCount()), pending, pending));
    }

    /**
     * Moves {@code count} items from pending to running. An ItemReader's items were never pending (its total is
     * unknown until its last page), so pending stays at zero rather than going below it and taking the total with it.
     */
    void childrenStarted(String mapRunArn, int count) {
        if (count > 0) {
            change(mapRunArn, run -> withCounts(run, counts -> new MapRunCounts(Math.max(0, counts.pending() - count),
                    counts.running() + count, counts.succeeded(), counts.failed(), counts.timedOut(),
                    counts.aborted())));
        }
    }

    void childFinished(String mapRunArn, ExecutionStatus status) {
        change(mapRunArn, run -> withCounts(run, c -> new MapRunCounts(c.pending(), c.running() - 1,
                c.succeeded() + (status == ExecutionStatus.SUCCEEDED ? 1 : 0),
                c.failed() + (status == ExecutionStatus.FAILED ? 1 : 0),
                c.timedOut() + (status == ExecutionStatus.TIMED_OUT ? 1 : 0),
                c.aborted() + (status == ExecutionStatus.ABORTED ? 1 : 0))));
    }

    /** The run reached {@code status}; children that never started count as aborted once it did not succeed. */
    void ended(String mapRunArn, String status, Instant at) {
        change(mapRunArn, run -> {
            if (!"RUNNING".equals(run.status())) {
                return run;
            }
            MapRunRecord ended = new MapRunRecord(run.mapRunArn(), run.executionArn(), run.stateMachineArn(), status,
                    run.startDate(), at, run.maxConcurrency(), run.toleratedFailurePercentage(),
                    run.toleratedFailureCount(), run.itemCounts(), run.executionCounts());
            return "SUCCEEDED".equals(status) ? ended : withCounts(ended, c -> new MapRunCounts(0, c.running(),
                    c.succeeded(), c.failed(), c.timedOut(), c.aborted() + c.pending()));
        });
    }

    /** UpdateMapRun's new settings; {@code null} leaves one as it was. */
    public void updated(String mapRunArn, Integer maxConcurrency, Double toleratedFailurePercentage,
            Long toleratedFailureCount) {
        change(mapRunArn, run -> new MapRunRecord(run.mapRunArn(), run.executionArn(), run.stateMachineArn(),
                run.status(), run.startDate(), run.stopDate(),
                maxConcurrency != null ? maxConcurrency : run.maxConcurrency(),
                toleratedFailurePercentage != null ? toleratedFailurePercentage : run.toleratedFailurePercentage(),
                toleratedFailureCount != null ? toleratedFailureCount : run.toleratedFailureCount(),
                run.itemCounts(), run.executionCounts()));
    }

    public Optional<MapRunRecord> find(String mapRunArn) {
        return store == null ? Optional.empty() : store.find(mapRunArn);
    }

    private static MapRunRecord withCounts(MapRunRecord run, UnaryOperator<MapRunCounts> change) {
        MapRunCounts counts = change.apply(run.executionCounts());
        return new MapRunRecord(run.mapRunArn(), run.executionArn(), run.stateMachineArn(), run.status(),
                run.startDate(), run.stopDate(), run.maxConcurrency(), run.toleratedFailurePercentage(),
                run.toleratedFailureCount(), counts, counts);
    }

    private void change(String mapRunArn, UnaryOperator<MapRunRecord> change) {
        if (store == null) {
            return;
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<MapRunRecord> stored = store.find(mapRunArn);
            if (stored.isEmpty()) {
                return;
            }
            MapRunRecord updated = change.apply(stored.get());
            if (updated.equals(stored.get()) || store.update(stored.get(), updated)) {
                return;
            }
        }
        throw new IllegalStateException("could not update the Map Run " + mapRunArn);
    }
}
