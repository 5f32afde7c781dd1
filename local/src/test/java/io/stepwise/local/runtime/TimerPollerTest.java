package io.stepwise.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.Timer;
import io.stepwise.local.store.SqliteDatabase;
import io.stepwise.local.store.SqliteExecutionStore;
import io.stepwise.local.store.SqliteTimerStore;
import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.TaskInvoker;
import io.stepwise.runtime.TransitionRunner;
import io.stepwise.runtime.VirtualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timers only enqueue their fires, and a fire is consumed by the commit of the step it answers: a slow or failing
 * step after a Wait holds up no other execution's timer and loses its own fire to nothing.
 */
class TimerPollerTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    private static final String WAIT_THEN_PASS = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"P"},"P":{"Type":"Pass","End":true}}}""";
    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    private final SqliteDatabase db = SqliteDatabase.inMemory();
    private final SqliteExecutionStore executions = new SqliteExecutionStore(db);
    private final SqliteTimerStore timers = new SqliteTimerStore(db);
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final InProcessTransitionQueue transitions = new InProcessTransitionQueue(2);
    private TimerPoller poller;
    private TransitionRunner runner;

    @AfterEach
    void tearDown() {
        poller.close();
        transitions.close();
        workers.shutdownNow();
        db.close();
    }

    /** Wires runner, queue and poller; {@code apply} stands where the runner's deliver normally is. */
    private void wire(Clock clock, Consumer<Delivery> apply) {
        ExecutorTaskDispatcher tasks = new ExecutorTaskDispatcher(workers,
                new TaskInvoker(resource -> Optional.empty()), transitions, executions);
        poller = new TimerPoller(timers, transitions, clock, () -> transitions.isIdle() && tasks.isIdle());
        runner = new TransitionRunner(executions, clock, tasks, poller);
        transitions.start(apply);
    }

    private ExecutionStart start(String name, Instant at) {
        ExecutionStart start = new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":" + name,
                name, MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{}", at, 7);
        assertThat(runner.start(start, WAIT_THEN_PASS)).isTrue();
        return start;
    }

    private ExecutionRecord awaitEnd(String arn) throws InterruptedException {
        return ExecutionEnd.await(executions, arn, Duration.ofSeconds(10));
    }

    private List<String> storedTimerOwners() {
        return timers.due(FAR_FUTURE, 100).stream().map(Timer::executionArn).toList();
    }

    @Test
    void aSlowStepAfterAWaitDelaysNoOtherExecutionsWait() throws InterruptedException {
        CountDownLatch slowStepEntered = new CountDownLatch(1);
        CountDownLatch releaseSlowStep = new CountDownLatch(1);
        String[] slow = new String[1];
        wire(Clock.systemUTC(), delivery -> {
            if (delivery.executionArn().equals(slow[0])) {
                slowStepEntered.countDown();
                await(releaseSlowStep);
            }
            runner.deliver(delivery);
        });
        Instant now = Instant.now();
        slow[0] = start("slow", now).executionArn();
        String other = start("other", now.plusMillis(100)).executionArn();
        poller.start();

        assertThat(slowStepEntered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(awaitEnd(other).status()).as("fired and completed while the slow step runs")
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(executions.load(slow[0]).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(storedTimerOwners()).as("the slow step's fire is not consumed before its step commits")
                .containsExactly(slow[0]);

        releaseSlowStep.countDown();
        assertThat(awaitEnd(slow[0]).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(storedTimerOwners()).isEmpty();
    }

    @Test
    void aStepThatKeepsFailingStopsNoOtherTimerAndKeepsItsOwn() throws InterruptedException {
        CountDownLatch failed = new CountDownLatch(1);
        String[] poison = new String[1];
        wire(Clock.systemUTC(), delivery -> {
            if (delivery.executionArn().equals(poison[0])) {
                failed.countDown();
                throw new IllegalStateException("poison");
            }
            runner.deliver(delivery);
        });
        Instant now = Instant.now();
        // Due first, so it heads every poll's batch.
        poison[0] = start("poison", now.minusMillis(500)).executionArn();
        String other = start("other", now).executionArn();
        poller.start();

        assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(awaitEnd(other).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(storedTimerOwners()).as("the failed step's fire fires again later").containsExactly(poison[0]);
    }

    @Test
    void aFireIsEnqueuedOnceWhileItIsInFlight() {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        CountDownLatch never = new CountDownLatch(1);
        wire(clock, delivery -> await(never));
        start("e1", clock.instant());
        clock.advanceTo(clock.instant().plusSeconds(1));

        assertThat(poller.fireDue()).isEqualTo(1);
        assertThat(poller.fireDue()).as("still stored, but its fire is on its way").isZero();
        never.countDown();
    }

    @Test
    void firesInFlightAreCappedSoAPollStaysCheapWhenManyWaitsEndAtOnce() {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        CountDownLatch never = new CountDownLatch(1);
        wire(clock, delivery -> await(never));
        for (int i = 0; i < TimerPoller.MAX_IN_FLIGHT + 50; i++) {
            start("e" + i, clock.instant());
        }
        clock.advanceTo(clock.instant().plusSeconds(1));

        int enqueued = 0;
        for (int poll = 0; poll < 20; poll++) {
            enqueued += poller.fireDue();
        }

        assertThat(enqueued).isEqualTo(TimerPoller.MAX_IN_FLIGHT);
        never.countDown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
