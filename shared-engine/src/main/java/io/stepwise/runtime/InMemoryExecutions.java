package io.stepwise.runtime;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.ParentLink;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.ExecutionSummary;
import io.stepwise.engine.port.OutboxEntry;
import io.stepwise.engine.port.Page;
import io.stepwise.engine.port.TaskTokenGrant;
import io.stepwise.engine.port.Timer;
import io.stepwise.engine.port.TimerStore;
import io.stepwise.engine.state.ExecutionState;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The executions of one in-memory run (an Express execution, {@code stepwise run}, a conformance case) and their
 * timers, for the {@link TransitionRunner} that runs them on one thread. It keeps the state objects themselves,
 * never a serialised copy, so a step costs no JSON: a loaded record holds the live state, which the runner changes
 * in place. That is safe because one thread owns the run and the interpreter calls nothing between a load and its
 * commit, so the version a commit expects is always the one stored; the compare-and-set is still checked. Nothing
 * outlives the run, so it keeps no history (the runner's {@link ExecutionLogs} sees each step's events), no
 * outbox to sweep, no task tokens and no redrive date (RedriveExecution reaches only stored executions). A Map Run's
 * child that ended and told its parent keeps only its end (see {@link #isSettledMapRunChild}).
 *
 * <p>Timers are kept in due order, then in the order they were started, and a commit that cancels or restarts one
 * replaces it, so the next timer is always one that still matters: a virtual clock never jumps to a cancelled one.
 */
final class InMemoryExecutions implements ExecutionStore, TimerStore, TimerService {
    private static final Comparator<Scheduled> DUE_ORDER = (a, b) -> {
        int byDue = a.timer().dueAt().compareTo(b.timer().dueAt());
        return byDue != 0 ? byDue : Long.compare(a.sequence(), b.sequence());
    };

    /** Most runs are one execution with a timer or two: the first is kept apart, the maps are made when needed. */
    private Stored first;
    private Map<String, Stored> others;
    private NavigableSet<Scheduled> timers;
    private Map<TimerKey, Scheduled> timersByRef;
    private long timerSequence;

    private static final class Stored {
        final String executionArn;
        final String definition;
        ExecutionRecord record;

        Stored(String executionArn, String definition, ExecutionRecord record) {
            this.executionArn = executionArn;
            this.definition = definition;
            this.record = record;
        }
    }

    private Stored find(String executionArn) {
        if (first != null && first.executionArn.equals(executionArn)) {
            return first;
        }
        return others == null ? null : others.get(executionArn);
    }

    private record Scheduled(Timer timer, long sequence) {
    }

    private record TimerKey(String executionArn, String ref) {
        /** From the strings' cached hashes: this is looked up for every timer a step starts, stops or fires. */
        @Override
        public int hashCode() {
            return 31 * executionArn.hashCode() + ref.hashCode();
        }
    }

    @Override
    public boolean create(Commit commit, String definition) {
        if (find(commit.executionArn()) != null) {
            return false;
        }
        Stored created = new Stored(commit.executionArn(), definition, record(commit, definition, 1));
        if (first == null) {
            first = created;
        } else {
            others = others != null ? others : new HashMap<>();
            others.put(created.executionArn, created);
        }
        changeTimers(commit);
        return true;
    }

    @Override
    public Optional<ExecutionRecord> load(String executionArn) {
        Stored stored = find(executionArn);
        return stored == null ? Optional.empty() : Optional.of(stored.record);
    }

    @Override
    public boolean commit(Commit commit) {
        Stored stored = find(commit.executionArn());
        if (stored == null || stored.record.version() != commit.expectedVersion()) {
            return false;
        }
        stored.record = record(commit, stored.definition, stored.record.version() + 1);
        changeTimers(commit);
        return true;
    }

    private static ExecutionRecord record(Commit commit, String definition, long version) {
        ExecutionState state = commit.state();
        if (state.status == ExecutionStatus.RUNNING) {
            return new ExecutionRecord(state, definition, version, null, null);
        }
        return new ExecutionRecord(isSettledMapRunChild(state) ? endOf(state) : state, definition, version,
                commit.at(), null);
    }

    /**
     * Whether {@code state} is a Map Run's child that ended and whose parent has its end: its notice was carried out,
     * so nothing will run it again (an in-memory run is never redriven). What is read of it from then on is its end,
     * for the Map's result or its ResultWriter, so a wide Map keeps that per child rather than every child's state.
     */
    private static boolean isSettledMapRunChild(ExecutionState state) {
        ParentLink parent = state.start.parent();
        return parent != null && parent.mapRunArn() != null && state.notices.isEmpty();
    }

    /** What an ended execution answers with: its start, status, output, error and cause, without its branches. */
    private static ExecutionState endOf(ExecutionState state) {
        ExecutionState end = new ExecutionState();
        end.start = state.start;
        end.status = state.status;
        end.output = state.output;
        end.error = state.error;
        end.cause = state.cause;
        end.redriveCount = state.redriveCount;
        end.nextEventId = state.nextEventId;
        end.randomDraws = state.randomDraws;
        return end;
    }

    /** In {@link Commit}'s order: fires consumed, then cancellations, then the timers started (replacing). */
    private void changeTimers(Commit commit) {
        if (timers == null) {
            if (commit.timers().isEmpty()) {
                return;
            }
            timers = new TreeSet<>(DUE_ORDER);
            timersByRef = new HashMap<>();
        }
        // The run's loop takes a timer out before it fires it, so a fire usually finds nothing left to consume.
        for (Timer fired : timersByRef.isEmpty() ? List.<Timer>of() : commit.firedTimers()) {
            Scheduled scheduled = timersByRef.get(new TimerKey(fired.executionArn(), fired.ref()));
            if (scheduled != null && scheduled.timer().dueAt().equals(fired.dueAt())) {
                unschedule(scheduled);
            }
        }
        for (String ref : commit.cancelledTimers()) {
            Scheduled scheduled = timersByRef.get(new TimerKey(commit.executionArn(), ref));
            if (scheduled != null) {
                unschedule(scheduled);
            }
        }
        for (Timer timer : commit.timers()) {
            Scheduled scheduled = new Scheduled(timer, timerSequence++);
            Scheduled replaced = timersByRef.put(new TimerKey(timer.executionArn(), timer.ref()), scheduled);
            if (replaced != null) {
                timers.remove(replaced);
            }
            timers.add(scheduled);
        }
    }

    private void unschedule(Scheduled scheduled) {
        timers.remove(scheduled);
        timersByRef.remove(new TimerKey(scheduled.timer().executionArn(), scheduled.timer().ref()));
    }

    /** Removes and returns the earliest timer, or {@code null} when none is left. */
    Timer pollNextTimer() {
        Scheduled next = timers == null ? null : timers.pollFirst();
        if (next == null) {
            return null;
        }
        timersByRef.remove(new TimerKey(next.timer().executionArn(), next.timer().ref()));
        return next.timer();
    }

    @Override
    public List<Timer> due(Instant now, int limit) {
        if (timers == null) {
            return List.of();
        }
        return timers.stream().map(Scheduled::timer).filter(t -> !t.dueAt().isAfter(now)).limit(limit).toList();
    }

    @Override
    public Optional<Timer> next() {
        return timers == null || timers.isEmpty() ? Optional.empty() : Optional.of(timers.first().timer());
    }

    @Override
    public boolean remove(Timer timer) {
        if (timers == null) {
            return false;
        }
        Scheduled scheduled = timersByRef.get(new TimerKey(timer.executionArn(), timer.ref()));
        if (scheduled == null || !scheduled.timer().dueAt().equals(timer.dueAt())) {
            return false;
        }
        unschedule(scheduled);
        return true;
    }

    /** The commit stored the timers already; the run's loop takes them from here. */
    @Override
    public void schedule(List<Timer> started) {
    }

    @Override
    public void discard(Timer fired) {
        remove(fired);
    }

    /** Nothing is dispatched again within one run: a task is called when its step is committed. */
    @Override
    public List<OutboxEntry> outbox() {
        return List.of();
    }

    @Override
    public List<OutboxEntry> claimOutbox(Instant now, Instant until, int limit) {
        return List.of();
    }

    @Override
    public void claim(String executionArn, String ref, Instant until) {
    }

    @Override
    public Page<ExecutionSummary> list(String stateMachineArn, ExecutionStatus status, int maxResults,
            String nextToken) {
        throw new UnsupportedOperationException("an in-memory run lists no executions");
    }

    @Override
    public Page<HistoryEvent> history(String executionArn, int maxResults, String nextToken, boolean reverse) {
        throw new UnsupportedOperationException("an in-memory run keeps no history; its ExecutionLogs see it");
    }

    /** No token of an in-memory run can be answered: SendTask* reaches only stored executions. */
    @Override
    public Optional<TaskTokenGrant> findTaskToken(String token) {
        return Optional.empty();
    }
}
