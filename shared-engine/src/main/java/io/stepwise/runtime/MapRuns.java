package io.stepwise.runtime;

import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.ChildResult;
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
                    counts.aborted(), counts.pendingRedrive(), counts.failuresNotRedrivable())));
        }
    }

    void childFinished(String mapRunArn, ExecutionStatus status) {
        change(mapRunArn, run -> withCounts(run, c -> new MapRunCounts(c.pending(), c.running() - 1,
                c.succeeded() + (status == ExecutionStatus.SUCCEEDED ? 1 : 0),
                c.failed() + (status == ExecutionStatus.FAILED ? 1 : 0),
                c.timedOut() + (status == ExecutionStatus.TIMED_OUT ? 1 : 0),
                c.aborted() + (status == ExecutionStatus.ABORTED ? 1 : 0), c.pendingRedrive(),
                c.failuresNotRedrivable())));
    }

    /** The run reached {@code status}; children that never started count as aborted once it did not succeed. */
    void ended(String mapRunArn, String status, Instant at) {
        change(mapRunArn, run -> {
            if (!"RUNNING".equals(run.status())) {
                return run;
            }
            MapRunRecord ended = run.withStatus(status, at);
            return "SUCCEEDED".equals(status) ? ended : withCounts(ended, c -> new MapRunCounts(0, c.running(),
                    c.succeeded(), c.failed(), c.timedOut(), c.aborted() + c.pending() + c.pendingRedrive(), 0,
                    c.failuresNotRedrivable()));
        });
    }

    /**
     * The parent's redrive reopened the run for the {@code redriveCount}-th time: it runs again, its unsuccessful
     * children ({@code launched} less those that succeeded) wait to be redriven, the items never handed to a child
     * wait to start. Only the first delivery of a redrive changes the record.
     */
    void redriven(String mapRunArn, int redriveCount, int launched, Instant at) {
        change(mapRunArn, run -> {
            if (run.redriveCount() >= redriveCount) {
                return run;
            }
            MapRunCounts c = run.executionCounts();
            long toRedrive = Math.max(0, launched - c.succeeded());
            long notLaunched = Math.max(0, c.total() - c.succeeded() - toRedrive);
            MapRunCounts counts = new MapRunCounts(notLaunched, 0, c.succeeded(), 0, 0, 0, toRedrive, 0);
            return new MapRunRecord(run.mapRunArn(), run.executionArn(), run.stateMachineArn(), "RUNNING",
                    run.startDate(), null, run.maxConcurrency(), run.toleratedFailurePercentage(),
                    run.toleratedFailureCount(), counts, counts, redriveCount, at, run.resultsWritten());
        });
    }

    /**
     * One unsuccessful child was dealt with by the redrive: it runs again, or ({@code redrivable} false) it could
     * not be redriven.
     */
    void childRedriven(String mapRunArn, boolean redrivable) {
        change(mapRunArn, run -> withCounts(run, c -> c.pendingRedrive() <= 0 ? c : new MapRunCounts(c.pending(),
                c.running() + (redrivable ? 1 : 0), c.succeeded(), c.failed(), c.timedOut(), c.aborted(),
                c.pendingRedrive() - 1, c.failuresNotRedrivable() + (redrivable ? 0 : 1))));
    }

    /** A child that succeeded as its parent closed, and was awaited by the redrive, was counted by the parent. */
    void succeededBeforeRedrive(String mapRunArn) {
        change(mapRunArn, run -> withCounts(run, c -> c.pendingRedrive() <= 0 ? c : new MapRunCounts(c.pending(),
                c.running(), c.succeeded() + 1, c.failed(), c.timedOut(), c.aborted(), c.pendingRedrive() - 1,
                c.failuresNotRedrivable())));
    }

    /** A ResultWriter exported the results of the run's {@code count} children. */
    void resultsWritten(String mapRunArn, long count) {
        change(mapRunArn, run -> run.withResultsWritten(count));
    }

    /** UpdateMapRun's new settings; {@code null} leaves one as it was. */
    public void updated(String mapRunArn, Integer maxConcurrency, Double toleratedFailurePercentage,
            Long toleratedFailureCount) {
        change(mapRunArn, run -> new MapRunRecord(run.mapRunArn(), run.executionArn(), run.stateMachineArn(),
                run.status(), run.startDate(), run.stopDate(),
                maxConcurrency != null ? maxConcurrency : run.maxConcurrency(),
                toleratedFailurePercentage != null ? toleratedFailurePercentage : run.toleratedFailurePercentage(),
                toleratedFailureCount != null ? toleratedFailureCount : run.toleratedFailureCount(),
                run.itemCounts(), run.executionCounts(), run.redriveCount(), run.redriveDate(),
                run.resultsWritten()));
    }

    /** Whether Express children's ends can be kept, so that they can run without records of their own. */
    boolean keepsChildResults() {
        return store != null;
    }

    /**
     * Keeps an Express child's end; returns {@code false} when an earlier run of the child was kept (or no store
     * keeps them, in which case the caller has nowhere to read it from later).
     */
    boolean keepChildResult(String mapRunArn, int index, ChildResult result) {
        return store != null && store.putChildResult(mapRunArn, index, result);
    }

    /** The end of the Express child at {@code index}, or empty. */
    Optional<ChildResult> childResult(String mapRunArn, int index) {
        return store == null ? Optional.empty() : store.childResult(mapRunArn, index);
    }

    public Optional<MapRunRecord> find(String mapRunArn) {
        return store == null ? Optional.empty() : store.find(mapRunArn);
    }

    private static MapRunRecord withCounts(MapRunRecord run, UnaryOperator<MapRunCounts> change) {
        return run.withCounts(change.apply(run.executionCounts()));
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
