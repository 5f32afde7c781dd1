package io.stepwise.runtime;

import io.stepwise.engine.EngineLimits;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ForwardingExecutionStore;
import io.stepwise.engine.port.InMemoryExecutionStore;
import io.stepwise.engine.port.Timer;
import io.stepwise.query.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Runs one execution through the durable {@link TransitionRunner} over the in-memory store, with a synchronous
 * transition queue and timers fired in due order on a virtual clock, and measures every commit: how many history
 * events and store items it writes and how large the execution state it stores is.
 */
final class WideMapDriver {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    final VirtualClock clock = new VirtualClock(T0);
    final MeasuringStore store = new MeasuringStore(new InMemoryExecutionStore());
    final Deque<Delivery> queue = new ArrayDeque<>();
    /** Internal tasks (a Map Run's child starts and notices), run after the deliveries queued before them. */
    final Deque<Runnable> tasks = new ArrayDeque<>();
    final TransitionRunner runner;

    WideMapDriver() {
        this(false);
    }

    /** @param loseContinuations whether continuations handed to the queue are lost, as in a crash after a commit */
    WideMapDriver(boolean loseContinuations) {
        TimerService timers = new TimerService() {
            @Override
            public void schedule(List<Timer> started) {
            }

            @Override
            public void discard(Timer fired) {
                store.inner.remove(fired);
            }
        };
        // Past AWS's 25,000 history events, as a self-hosted deployment may be configured: a 10,000-item inline
        // Map writes four events per item.
        ChildExecutions children = new ChildExecutions(resource -> Optional.empty(), store, clock, MapRuns.NONE);
        TaskInvoker invoker = new TaskInvoker(children);
        TaskDispatcher dispatcher = (executionArn, task) -> {
            if (ChildCommands.isInternal(task.resource())) {
                tasks.add(() -> invoker.invoke(executionArn, task)
                        .ifPresent(answer -> queue.add(Delivery.of(executionArn, answer))));
            }
        };
        runner = new TransitionRunner(store, clock, dispatcher, timers,
                loseContinuations ? delivery -> { } : queue::add, EngineLimits.AWS.withMaxHistoryEvents(100_000));
        children.attach(runner);
    }

    /** Runs the execution until it ends or nothing is left to deliver; returns its final record. */
    ExecutionRecord run(String definition, String input) {
        return run(definition, input, false);
    }

    /** @param parkOnly stop once every delivery is applied and only timers are left: the widest point of a Map */
    ExecutionRecord run(String definition, String input, boolean parkOnly) {
        ExecutionStart start = start(input);
        runner.start(start, definition);
        while (true) {
            Delivery next = queue.poll();
            if (next != null) {
                runner.deliver(next);
                continue;
            }
            Runnable task = tasks.poll();
            if (task != null) {
                task.run();
                continue;
            }
            Optional<Timer> timer = store.inner.next();
            if (timer.isEmpty() || parkOnly) {
                break;
            }
            if (timer.get().dueAt().isAfter(clock.instant())) {
                clock.advanceTo(timer.get().dueAt());
            }
            store.inner.due(clock.instant(), 1_000).forEach(due -> queue.add(Delivery.fired(due)));
        }
        return store.load(start.executionArn()).orElseThrow();
    }

    static ExecutionStart start(String input) {
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
        return new ExecutionStart(machine.replace(":stateMachine:", ":execution:") + ":wide", "wide", machine, "m",
                "arn:aws:iam::123456789012:role/r", "us-east-1", input, T0, 7);
    }

    /** The commit measurements of one run. */
    static final class MeasuringStore extends ForwardingExecutionStore {
        final InMemoryExecutionStore inner;
        int commits;
        int peakEvents;
        int peakItems;
        int peakStateBytes;
        /** The peak state gzipped, as the SQLite and DynamoDB stores keep a large one. */
        int peakStateGzipBytes;
        String peakState;
        /**
         * The largest state the top-level execution stored while it ran: what a wide Map must keep bounded. Its final
         * state adds the execution's output, which is the Map's result.
         */
        int peakRunningParentStateBytes;
        int peakRunningParentStateGzipBytes;
        String peakRunningParentState;
        long totalEvents;

        MeasuringStore(InMemoryExecutionStore inner) {
            super(inner);
            this.inner = inner;
        }

        private void measure(Commit commit) {
            commits++;
            totalEvents += commit.events().size();
            peakEvents = Math.max(peakEvents, commit.events().size());
            // The items of one DynamoDB transaction: the execution item plus one per event, token, timer, outbox
            // task, settled task and consumed fire.
            int items = 1 + commit.events().size() + commit.tokens().size() + commit.timers().size()
                    + commit.cancelledTimers().size() + commit.tasks().size() + commit.settledTasks().size()
                    + commit.firedTimers().size();
            peakItems = Math.max(peakItems, items);
            String state = Json.write(Json.MAPPER.valueToTree(commit.state()));
            if (state.length() > peakStateBytes) {
                peakStateBytes = state.length();
                peakStateGzipBytes = gzipped(state);
                peakState = state;
            }
            if (commit.executionArn().equals(start("[]").executionArn())
                    && commit.state().status == ExecutionStatus.RUNNING) {
                if (state.length() > peakRunningParentStateBytes) {
                    peakRunningParentStateBytes = state.length();
                    peakRunningParentStateGzipBytes = gzipped(state);
                    peakRunningParentState = state;
                }
            }
        }

        private static int gzipped(String text) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                gzip.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.size();
        }

        String report() {
            return "commits=" + commits + " events=" + totalEvents + " peakEventsPerCommit=" + peakEvents
                    + " peakItemsPerCommit=" + peakItems + " peakStateBytes=" + peakStateBytes
                    + " (gzipped " + peakStateGzipBytes + ") peakRunningParentStateBytes="
                    + peakRunningParentStateBytes + " (gzipped " + peakRunningParentStateGzipBytes + ")";
        }

        @Override
        public boolean create(Commit commit, String definition) {
            measure(commit);
            return inner.create(commit, definition);
        }

        @Override
        public boolean commit(Commit commit) {
            boolean done = inner.commit(commit);
            if (done) {
                measure(commit);
            }
            return done;
        }
    }
}
