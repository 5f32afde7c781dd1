package io.stepwise.local.runtime;

import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TimerStore;
import io.stepwise.runtime.ChildExecutions;
import io.stepwise.runtime.ExpressLauncher;
import io.stepwise.runtime.MapRunIo;
import io.stepwise.runtime.MapRuns;
import io.stepwise.runtime.NestedStarts;
import io.stepwise.runtime.ExpressRunner;
import io.stepwise.runtime.TaskInvoker;
import io.stepwise.runtime.TransitionRunner;
import io.stepwise.engine.EngineLimits;
import io.stepwise.runtime.ExecutionLogs;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The runner of one process and the in-process adapters of its ports: a bounded task pool behind the
 * {@link ExecutorTaskDispatcher}, the {@link InProcessTransitionQueue} that applies every answer and fire, the
 * {@link TimerPoller} over the stored timers and the {@link OutboxSweeper} that recovers unanswered tasks; and the
 * Express executions, synchronous ones in the caller's thread and asynchronous ones on a bounded pool.
 */
public final class LocalRuntime implements AutoCloseable {
    /** Asynchronous Express executions running at once; each may hold its thread through a Wait. */
    private static final int EXPRESS_THREADS = 256;
    /** Asynchronous Express executions waiting for a thread before StartExecution is throttled. */
    private static final int EXPRESS_BACKLOG = 10_000;

    private final ExecutorService taskWorkers;
    private final InProcessTransitionQueue transitions;
    private final ExecutorTaskDispatcher tasks;
    private final TimerPoller timers;
    private final OutboxSweeper sweeper;
    private final TransitionRunner runner;
    private final ExpressRunner expressRunner;
    private final ExecutorExpressLauncher expressLauncher;
    private final ChildExecutions children;

    /**
     * @param taskWorkers how many integration calls may run at once
     * @param transitionWorkers how many executions may have a step applied at once
     */
    public LocalRuntime(ExecutionStore executions, TimerStore timerStore, IntegrationRegistry integrations,
            Clock clock, int taskWorkers, int transitionWorkers) {
        this(executions, timerStore, integrations, MapRuns.NONE, clock, taskWorkers, transitionWorkers,
                ExecutionLogs.NONE);
    }

    /** @param logs where executions' history events go, as their machines' logging configurations ask */
    public LocalRuntime(ExecutionStore executions, TimerStore timerStore, IntegrationRegistry integrations,
            Clock clock, int taskWorkers, int transitionWorkers, ExecutionLogs logs) {
        this(executions, timerStore, integrations, MapRuns.NONE, clock, taskWorkers, transitionWorkers, logs);
    }

    /** @param mapRuns where the Map Runs of Distributed Maps are recorded */
    public LocalRuntime(ExecutionStore executions, TimerStore timerStore, IntegrationRegistry integrations,
            MapRuns mapRuns, Clock clock, int taskWorkers, int transitionWorkers) {
        this(executions, timerStore, integrations, mapRuns, MapRunIo.NONE, clock, taskWorkers, transitionWorkers,
                ExecutionLogs.NONE);
    }

    /**
     * @param mapRuns where the Map Runs of Distributed Maps are recorded
     * @param logs where executions' history events go, as their machines' logging configurations ask
     */
    public LocalRuntime(ExecutionStore executions, TimerStore timerStore, IntegrationRegistry integrations,
            MapRuns mapRuns, Clock clock, int taskWorkers, int transitionWorkers, ExecutionLogs logs) {
        this(executions, timerStore, integrations, mapRuns, MapRunIo.NONE, clock, taskWorkers, transitionWorkers,
                logs);
    }

    /** @param io the ItemReader and ResultWriter of Distributed Maps (S3 locally, through the integrations' clients) */
    public LocalRuntime(ExecutionStore executions, TimerStore timerStore, IntegrationRegistry integrations,
            MapRuns mapRuns, MapRunIo io, Clock clock, int taskWorkers, int transitionWorkers) {
        this(executions, timerStore, integrations, mapRuns, io, clock, taskWorkers, transitionWorkers,
                ExecutionLogs.NONE);
    }

    /**
     * @param mapRuns where the Map Runs of Distributed Maps are recorded
     * @param io the ItemReader and ResultWriter of Distributed Maps
     * @param logs where executions' history events go, as their machines' logging configurations ask
     */
    public LocalRuntime(ExecutionStore executions, TimerStore timerStore, IntegrationRegistry integrations,
            MapRuns mapRuns, MapRunIo io, Clock clock, int taskWorkers, int transitionWorkers, ExecutionLogs logs) {
        this.taskWorkers = Executors.newFixedThreadPool(taskWorkers, runnable -> {
            Thread thread = new Thread(runnable, "stepwise-task");
            thread.setDaemon(true);
            return thread;
        });
        transitions = new InProcessTransitionQueue(transitionWorkers);
        children = new ChildExecutions(integrations, executions, clock, mapRuns, io);
        tasks = new ExecutorTaskDispatcher(this.taskWorkers, new TaskInvoker(children), transitions, executions);
        timers = new TimerPoller(timerStore, transitions, clock, this::isIdle);
        sweeper = new OutboxSweeper(executions, tasks, Clock.systemUTC());
        runner = new TransitionRunner(executions, clock, tasks, timers, transitions, EngineLimits.AWS, logs, mapRuns);
        children.attach(runner);
        transitions.start(runner::deliver);
        expressRunner = new ExpressRunner(integrations, clock, logs);
        expressLauncher = new ExecutorExpressLauncher(expressRunner, EXPRESS_THREADS, EXPRESS_BACKLOG);
    }

    /** Where {@code startExecution.sync} Tasks start their children; the API provides it once it is built. */
    public void attach(NestedStarts nested) {
        children.attach(nested);
    }

    public TransitionRunner runner() {
        return runner;
    }

    /** Runs StartSyncExecution's executions in the caller's thread. */
    public ExpressRunner expressRunner() {
        return expressRunner;
    }

    public ExpressLauncher expressLauncher() {
        return expressLauncher;
    }

    /**
     * Dispatches every task the outbox still holds, since the previous run may have died before their answers were
     * committed; call once before {@link #start()} and serving. Returns how many tasks it dispatched.
     */
    public int resumeDispatch() {
        return sweeper.resumeDispatch();
    }

    /** Starts firing stored timers (those a previous run left included) and sweeping the outbox. */
    public void start() {
        timers.start();
        sweeper.start();
    }

    /** Enqueues the fire of every due timer now, as the timer thread does on each poll; for tests. */
    public int fireDueTimers() {
        return timers.fireDue();
    }

    /** Runs one outbox sweep as the sweeper thread would at {@code now}; for tests. */
    public int sweepOutbox(Instant now) {
        return sweeper.sweep(now);
    }

    /**
     * Whether no task is being called and no delivery waits or is being applied, whichever thread applies it (an API
     * call applies an execution's first step itself).
     */
    public boolean isIdle() {
        return transitions.isIdle() && runner.isIdle() && tasks.isIdle();
    }

    @Override
    public void close() {
        expressLauncher.close();
        sweeper.close();
        timers.close();
        transitions.close();
        taskWorkers.shutdownNow();
        try {
            taskWorkers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
