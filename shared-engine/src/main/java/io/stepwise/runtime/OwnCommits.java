package io.stepwise.runtime;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.ExecutionRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records a runner committed last, kept for the next trigger of the same execution in this process, so that a
 * task worker that calls a sequential workflow's tasks one after the other ({@code TaskChain} on AWS) applies each
 * answer without reading back what it has just written: a consistent read of the execution item, and its round trip,
 * an answer. A record is taken once (the taker owns its state and may change it in place) and only while fresh.
 *
 * <p>A kept record may be stale: another process may have committed since. That costs at most a lost
 * compare-and-set, after which the runner reads the stored record, and never a trigger: a step that changes nothing
 * on a kept record is applied again to the stored one before the trigger is discarded. So that lost compare-and-sets
 * (each billed like a write) stay rare, only records of executions waiting for one task at most are kept: a Map's or
 * Parallel's branches are answered by several workers at once.
 */
final class OwnCommits {
    /**
     * A Lambda container handles one event at a time, and the record is wanted by the next answer of the execution
     * its worker has just committed to: a few suffice, and states can be large (up to 256 KB of payload each).
     */
    private static final int CAPACITY = 16;
    /** Past this, another process has likely committed (a timeout, a stop): the stored record is read instead. */
    static final Duration FRESH_FOR = Duration.ofMinutes(5);

    private record Kept(ExecutionRecord record, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Kept> kept = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > CAPACITY;
        }
    };

    OwnCommits(Clock clock) {
        this.clock = clock;
    }

    /** Keeps a copy of a record this runner has just committed or read, if it is worth keeping (see above). */
    void keep(ExecutionRecord record) {
        String arn = record.executionArn();
        synchronized (kept) {
            if (record.state().status != ExecutionStatus.RUNNING || PendingTasks.refs(record.state()).size() > 1) {
                kept.remove(arn);
                return;
            }
            kept.put(arn, new Kept(new ExecutionRecord(record.state().copy(), record.definition(), record.version(),
                    record.stopDate(), record.redriveDate()), clock.instant()));
        }
    }

    /** The record kept for {@code executionArn}, removed, or {@code null} when none is kept or it is too old. */
    ExecutionRecord take(String executionArn) {
        Kept taken;
        synchronized (kept) {
            taken = kept.remove(executionArn);
        }
        if (taken == null || Duration.between(taken.at(), clock.instant()).compareTo(FRESH_FOR) > 0) {
            return null;
        }
        return taken.record();
    }
}
