package io.stepwise.local.store;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state a running execution's last commit stored, kept in memory so the next trigger need not read and parse
 * it back from SQLite. The database stays the only authority: a cached record is exactly what a read would return,
 * and commits remain compare-and-set on the stored version, so a stale entry can only cost a failed commit and a
 * fresh read.
 *
 * <p>A cached state object is handed out at most once ({@link #take} removes it), because its taker (the runner)
 * changes it in place; a second concurrent loader reads its own copy from the database. Entries are put only after
 * the commit that stored them, in commit order (under the database lock). The number of entries is bounded, so
 * 100,000 parked executions do not keep 100,000 states on the heap; ended executions are never kept.
 */
final class StateCache {
    private static final int MAX_ENTRIES = 4_096;

    /** The state at its committed version, owned by nobody until taken. */
    private final ConcurrentHashMap<String, ExecutionRecord> states = new ConcurrentHashMap<>();
    /**
     * What each cached or lent-out running execution's record holds besides the commit: its definition (fixed at
     * start) and redrive date, to rebuild the record.
     */
    private final ConcurrentHashMap<String, Known> definitions = new ConcurrentHashMap<>();

    private record Known(String definition, Instant redriveDate) {
    }

    /** The cached record of {@code executionArn}, now the caller's own, or {@code null}. */
    ExecutionRecord take(String executionArn) {
        return states.remove(executionArn);
    }

    /** A record read from the database: remember its definition so its next commit can be cached. */
    void loaded(ExecutionRecord record) {
        if (record.status() == ExecutionStatus.RUNNING && definitions.size() < MAX_ENTRIES) {
            definitions.put(record.executionArn(), new Known(record.definition(), record.redriveDate()));
        }
    }

    /**
     * {@code commit} is stored at {@code version}; called after its transaction committed, in commit order.
     *
     * @param definition the definition when the commit created the execution, else {@code null}
     */
    void committed(Commit commit, long version, String definition) {
        String arn = commit.executionArn();
        if (commit.state().status != ExecutionStatus.RUNNING) {
            states.remove(arn);
            definitions.remove(arn);
            return;
        }
        if (definition != null && definitions.size() < MAX_ENTRIES) {
            definitions.put(arn, new Known(definition, null));
        }
        Known known = definitions.get(arn);
        if (known != null && commit.redrivenAt() != null) {
            known = new Known(known.definition(), commit.redrivenAt());
            definitions.put(arn, known);
        }
        if (known == null || states.size() >= MAX_ENTRIES) {
            // Not cached: make sure no older entry is left behind for this execution.
            states.remove(arn);
            return;
        }
        states.put(arn, new ExecutionRecord(commit.state(), known.definition(), version, null, known.redriveDate()));
    }
}
