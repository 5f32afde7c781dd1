package io.stepwise.engine.port;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The execution and timer store ports held in memory, under one lock: the reference adapter the store and runtime
 * contracts run over beside SQLite, and a store for tests that need no database. States are kept serialised, so a
 * loaded state is the caller's own copy, as from a real store.
 */
public final class InMemoryExecutionStore implements ExecutionStore, TimerStore {
    private static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Comparator<Timer> DUE_ORDER = Comparator.comparing(Timer::dueAt)
            .thenComparing(Timer::executionArn).thenComparing(Timer::ref);

    private final Map<String, Stored> executions = new HashMap<>();
    private final Map<String, List<HistoryEvent>> histories = new HashMap<>();
    private final Map<String, TaskTokenGrant> tokens = new HashMap<>();
    private final Map<List<String>, Timer> timers = new HashMap<>();
    /** Insertion order is commit order. */
    private final Map<List<String>, Claimed> outbox = new LinkedHashMap<>();

    private record Stored(String state, String definition, long version, Instant stopDate, Instant redriveDate,
            ExecutionSummary summary) {
    }

    private record Claimed(OutboxEntry entry, Instant until) {
    }

    @Override
    public synchronized boolean create(Commit commit, String definition) {
        if (executions.containsKey(commit.executionArn())) {
            return false;
        }
        histories.put(commit.executionArn(), new ArrayList<>());
        store(commit, definition, 1);
        return true;
    }

    @Override
    public synchronized Optional<ExecutionRecord> load(String executionArn) {
        Stored stored = executions.get(executionArn);
        if (stored == null) {
            return Optional.empty();
        }
        return Optional.of(new ExecutionRecord(read(stored.state()), stored.definition(), stored.version(),
                stored.stopDate(), stored.redriveDate()));
    }

    @Override
    public synchronized boolean commit(Commit commit) {
        Stored stored = executions.get(commit.executionArn());
        if (stored == null || stored.version() != commit.expectedVersion()) {
            return false;
        }
        store(commit, stored.definition(), stored.version() + 1);
        return true;
    }

    private void store(Commit commit, String definition, long version) {
        ExecutionState state = commit.state();
        Instant stopDate = state.status == ExecutionStatus.RUNNING ? null : commit.at();
        Stored before = executions.get(commit.executionArn());
        Instant redriveDate = commit.redrivenAt() != null ? commit.redrivenAt()
                : before == null ? null : before.redriveDate();
        executions.put(commit.executionArn(), new Stored(write(state), definition, version, stopDate, redriveDate,
                new ExecutionSummary(commit.executionArn(), state.start.stateMachineArn(), state.start.name(),
                        state.status, state.start.startTime(), stopDate, redriveDate)));
        histories.get(commit.executionArn()).addAll(commit.events());
        commit.tokens().forEach(grant -> tokens.put(grant.token(), grant));
        for (Timer fired : commit.firedTimers()) {
            timers.remove(List.of(fired.executionArn(), fired.ref()), fired);
        }
        commit.cancelledTimers().forEach(ref -> timers.remove(List.of(commit.executionArn(), ref)));
        commit.timers().forEach(timer -> timers.put(List.of(commit.executionArn(), timer.ref()),
                new Timer(commit.executionArn(), timer.ref(), timer.dueAt())));
        commit.settledTasks().forEach(ref -> outbox.remove(List.of(commit.executionArn(), ref)));
        Instant now = Instant.now();
        commit.tasks().forEach(task -> {
            List<String> key = List.of(commit.executionArn(), task.ref());
            long claimSeconds = (task.timeoutSeconds() != null ? task.timeoutSeconds() : 900) + 60;
            outbox.remove(key);
            outbox.put(key, new Claimed(new OutboxEntry(commit.executionArn(), task), now.plusSeconds(claimSeconds)));
        });
    }

    @Override
    public synchronized List<OutboxEntry> outbox() {
        return outbox.values().stream().map(Claimed::entry).toList();
    }

    @Override
    public synchronized List<OutboxEntry> claimOutbox(Instant now, Instant until, int limit) {
        List<OutboxEntry> claimed = outbox.values().stream().filter(c -> !c.until().isAfter(now)).limit(limit)
                .map(Claimed::entry).toList();
        claimed.forEach(entry -> claim(entry.executionArn(), entry.task().ref(), until));
        return claimed;
    }

    @Override
    public synchronized void claim(String executionArn, String ref, Instant until) {
        outbox.computeIfPresent(List.of(executionArn, ref), (key, c) -> new Claimed(c.entry(), until));
    }

    @Override
    public synchronized Page<ExecutionSummary> list(String stateMachineArn, ExecutionStatus status, int maxResults,
            String nextToken) {
        String scope = "executions\n" + stateMachineArn + "\n" + status;
        List<ExecutionSummary> matching = executions.values().stream().map(Stored::summary)
                .filter(s -> s.stateMachineArn().equals(stateMachineArn))
                .filter(s -> status == null || s.status() == status)
                .sorted(Comparator.comparing(ExecutionSummary::startDate)
                        .thenComparing(ExecutionSummary::executionArn).reversed())
                .toList();
        return InMemoryPages.page(matching, scope, maxResults, nextToken);
    }

    @Override
    public synchronized Page<HistoryEvent> history(String executionArn, int maxResults, String nextToken,
            boolean reverse) {
        String scope = "history\n" + executionArn + "\n" + reverse;
        List<HistoryEvent> events = new ArrayList<>(histories.getOrDefault(executionArn, List.of()));
        if (reverse) {
            events.sort(Comparator.comparingLong(HistoryEvent::id).reversed());
        }
        return InMemoryPages.page(events, scope, maxResults, nextToken);
    }

    @Override
    public synchronized Optional<TaskTokenGrant> findTaskToken(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    @Override
    public synchronized List<Timer> due(Instant now, int limit) {
        return timers.values().stream().filter(t -> !t.dueAt().isAfter(now)).sorted(DUE_ORDER).limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<Timer> next() {
        return timers.values().stream().min(DUE_ORDER);
    }

    @Override
    public synchronized boolean remove(Timer timer) {
        return timers.remove(List.of(timer.executionArn(), timer.ref()), timer);
    }

    private static String write(ExecutionState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the state", e);
        }
    }

    private static ExecutionState read(String state) {
        try {
            return MAPPER.readValue(state, ExecutionState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the stored state", e);
        }
    }
}
