package io.stepwise.it.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.it.LocalClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Stepwise on AWS when its Lambdas die or run long, on moto: a worker killed between its DynamoDB commit and its
 * SQS send, a task worker killed at its timeout in the middle of a call, a step that outlives its message's
 * visibility timeout. Each execution still ends, and its history holds every event once.
 *
 * <p>Runs on the task queue path (the stack hands tasks over by asynchronous invocation and falls back to the queue),
 * where its faults are put: the queue's sends and redeliveries; the invocation path's recovery is the same sweep.
 */
class AwsCrashTest {
    /** The deployment with its tasks on the task queue, the stack's fallback for tasks it cannot invoke. */
    private static AwsDeployment.Options onTheQueue() {
        return AwsDeployment.Options.defaults().withInvokedTasks(false);
    }

    private static final String CALL_THEN_WAIT = """
            {"StartAt":"Call","States":{
             "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"echo","Payload.$":"$"},"ResultPath":"$.called","Next":"Pause"},
             "Pause":{"Type":"Wait","Seconds":1,"Next":"Done"},
             "Done":{"Type":"Pass","End":true}}}""";
    private static final String WAIT_THEN_CALL = """
            {"StartAt":"Pause","States":{
             "Pause":{"Type":"Wait","Seconds":10,"Next":"Call"},
             "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"echo","Payload.$":"$"},"End":true}}}""";
    private static final String WAIT_ONE_SECOND = """
            {"StartAt":"Pause","States":{
             "Pause":{"Type":"Wait","Seconds":1,"Next":"Done"},
             "Done":{"Type":"Pass","End":true}}}""";
    private static final String THREE_CALLS = """
            {"StartAt":"One","States":{
             "One":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                    "Parameters":{"FunctionName":"echo","Payload.$":"$"},"Next":"Two"},
             "Two":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                    "Parameters":{"FunctionName":"echo","Payload.$":"$"},"Next":"Three"},
             "Three":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                      "Parameters":{"FunctionName":"echo","Payload.$":"$"},"End":true}}}""";
    private static final String CALL = """
            {"StartAt":"Call","States":{
             "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"echo","Payload.$":"$"},"End":true}}}""";

    /** Released after each test, so that a call left hanging by a "killed" worker ends with it. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHangingCalls() {
        release.countDown();
    }

    @Test
    void aTransitionWorkerKilledBeforeSendingItsTaskLeavesItToTheSweepWhichDispatchesItOnce() throws Exception {
        FaultySqs faulty = new FaultySqs("tasks");
        Calls calls = new Calls(0, release);
        try (AwsDeployment deployment = AwsDeployment.start(calls, onTheQueue()
                .withVisibilitySeconds(2).withWorkerSqs(faulty::wrap));
                SfnClient sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30))) {
            faulty.failNextSends(1);
            String arn = Executions.start(sfn, WAIT_THEN_CALL, "m", "e", "{\"v\":1}");
            awaitLastEvent(sfn, arn, "TaskStarted");
            Thread.sleep(3_000);
            assertThat(faulty.dropped()).isEqualTo(1);
            assertThat(sfn.describeExecution(b -> b.executionArn(arn)).status())
                    .as("the redelivered trigger is stale and sends nothing").isEqualTo(ExecutionStatus.RUNNING);
            assertThat(deployment.sweepAsOf(Instant.now()))
                    .as("the task is still claimed by the worker that committed it").isZero();

            assertThat(deployment.sweepAsOf(Instant.now().plus(Duration.ofMinutes(17)))).isEqualTo(1);

            assertThat(Executions.awaitEnd(sfn, arn, Duration.ofSeconds(30)).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            List<HistoryEvent> history = Executions.history(sfn, arn);
            assertThat(Executions.count(history, "TaskScheduled")).isEqualTo(1);
            assertThat(Executions.count(history, "TaskSucceeded")).isEqualTo(1);
            assertThat(calls.count.get()).isEqualTo(1);
        }
    }

    @Test
    void aTransitionWorkerKilledBeforeSendingItsTimerLeavesItToTheSweepWhichFiresItOnce() throws Exception {
        FaultySqs faulty = new FaultySqs("timers");
        try (AwsDeployment deployment = AwsDeployment.start(new Calls(0, release), onTheQueue()
                .withRealTime().withVisibilitySeconds(2).withWorkerSqs(faulty::wrap));
                SfnClient sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30))) {
            faulty.failNextSends(1);
            String arn = Executions.start(sfn, CALL_THEN_WAIT, "m", "e", "{\"v\":1}");

            assertThat(Executions.awaitEnd(sfn, arn, Duration.ofSeconds(30)).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(faulty.dropped()).as("the timer's message was never sent").isEqualTo(1);
            assertThat(deployment.sweeps()).isPositive();
            List<HistoryEvent> history = Executions.history(sfn, arn);
            assertThat(Executions.count(history, "WaitStateEntered")).isEqualTo(1);
            assertThat(Executions.count(history, "WaitStateExited")).isEqualTo(1);
            assertThat(Executions.count(history, "ExecutionSucceeded")).isEqualTo(1);
        }
    }

    @Test
    void aTaskWorkerKilledAtItsTimeoutMidCallIsCalledAgainWithoutASecondHistoryEvent() throws Exception {
        Calls calls = new Calls(1, release);
        try (AwsDeployment deployment = AwsDeployment.start(calls, onTheQueue()
                .withVisibilitySeconds(3).withDeliveries(AwsCrashTest::taskTimeoutOfOneSecond));
                SfnClient sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30))) {
            String arn = Executions.start(sfn, CALL, "m", "e", "{\"v\":1}");

            assertThat(Executions.awaitEnd(sfn, arn, Duration.ofSeconds(30)).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(calls.count.get()).as("called again after the killed call's message came back").isEqualTo(2);
            List<HistoryEvent> history = Executions.history(sfn, arn);
            for (String type : List.of("TaskScheduled", "TaskStarted", "TaskSucceeded", "ExecutionSucceeded")) {
                assertThat(Executions.count(history, type)).as(type).isEqualTo(1);
            }
        }
    }

    /**
     * The task worker chains the second task after the first one's answer and is killed calling it: the second task
     * is in the outbox, claimed by the commit that added it as a queued task would be, so the sweep dispatches it
     * once the claim has run out, and the execution ends with every event once. The first task's message comes back
     * (its invocation never finished) and is dropped without calling the first task again, whose answer is committed.
     */
    @Test
    void aTaskWorkerKilledMidChainLeavesTheChainedTaskToTheSweepWhichFinishesItOnce() throws Exception {
        Calls calls = new Calls(call -> call == 2, release);
        try (AwsDeployment deployment = AwsDeployment.start(calls, onTheQueue()
                .withVisibilitySeconds(3).withDeliveries(AwsCrashTest::taskTimeoutOfOneSecond));
                SfnClient sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30))) {
            String arn = Executions.start(sfn, THREE_CALLS, "m", "e", "{\"v\":1}");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (deployment.tasks.messages() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(deployment.tasks.messages()).as("the first task's message came back").isEqualTo(2);
            Thread.sleep(500);
            assertThat(calls.count.get()).as("the first task not called again: its answer is committed").isEqualTo(2);
            assertThat(deployment.tasks.messages()).as("the chained task was never queued").isEqualTo(2);
            assertThat(sfn.describeExecution(b -> b.executionArn(arn)).status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(deployment.sweepAsOf(Instant.now()))
                    .as("the chained task is still claimed by the commit that added it").isZero();

            assertThat(deployment.sweepAsOf(Instant.now().plus(Duration.ofMinutes(17)))).isEqualTo(1);

            assertThat(Executions.awaitEnd(sfn, arn, Duration.ofSeconds(30)).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(calls.count.get()).as("the swept task, then the third chained after it").isEqualTo(4);
            List<HistoryEvent> history = Executions.history(sfn, arn);
            for (String type : List.of("TaskScheduled", "TaskStarted", "TaskSucceeded")) {
                assertThat(Executions.count(history, type)).as(type).isEqualTo(3);
            }
            assertThat(Executions.count(history, "ExecutionSucceeded")).isEqualTo(1);
        }
    }

    @Test
    void aStepThatOutlivesItsMessagesVisibilityIsAppliedOnceByWhicheverWorkerCommitsFirst() throws Exception {
        try (AwsDeployment deployment = AwsDeployment.manual(new Calls(0, release),
                onTheQueue().withRealTime());
                SfnClient sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30))) {
            // A timer's fire reaches the transition queue through the timer relay (a task's answer is applied by
            // the task worker itself, and only queued when another step of the execution committed first).
            String arn = Executions.start(sfn, WAIT_ONE_SECOND, "m", "e", "{\"v\":1}");
            // The relay sends a fire on only once it is due, and delays the message again if it came early.
            List<Message> slow = List.of();
            for (int polls = 0; polls < 10 && slow.isEmpty(); polls++) {
                deployment.timers.poll(2);
                slow = deployment.transitions.receive(1);
            }
            assertThat(slow).hasSize(1);
            Thread.sleep(1_500);
            List<Message> again = deployment.transitions.receive(30);
            assertThat(again).extracting(Message::messageId).isEqualTo(slow.stream().map(Message::messageId).toList());

            assertThat(deployment.transitions.invoke(again)).isEmpty();
            assertThat(deployment.transitions.invoke(slow)).as("the late step is dropped, not failed").isEmpty();

            assertThat(sfn.describeExecution(b -> b.executionArn(arn)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            List<HistoryEvent> history = Executions.history(sfn, arn);
            assertThat(Executions.count(history, "WaitStateExited")).isEqualTo(1);
            assertThat(Executions.count(history, "ExecutionSucceeded")).isEqualTo(1);
        }
    }

    /**
     * The task worker as Lambda runs it with a one-second timeout: an invocation still running then is killed (its
     * thread abandoned, sending nothing more) and reported failed, so its batch comes back after the visibility
     * timeout. The other workers run as they are.
     */
    private static Function<SQSEvent, SQSBatchResponse> taskTimeoutOfOneSecond(
            Function<SQSEvent, SQSBatchResponse> worker) {
        return event -> {
            if (!event.getRecords().get(0).getEventSourceArn().endsWith("tasks")) {
                return worker.apply(event);
            }
            SQSBatchResponse[] answer = new SQSBatchResponse[1];
            Thread invocation = new Thread(() -> answer[0] = worker.apply(event), "task invocation");
            invocation.setDaemon(true);
            invocation.start();
            try {
                invocation.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (invocation.isAlive()) {
                throw new IllegalStateException("Task timed out after 1.00 seconds");
            }
            return answer[0];
        };
    }

    /** {@code echo}, whose first {@code hanging} calls never return until the test ends; counts every call. */
    static final class Calls implements IntegrationRegistry {
        final AtomicInteger count = new AtomicInteger();
        private final IntPredicate hangs;
        private final CountDownLatch release;

        Calls(int hanging, CountDownLatch release) {
            this(call -> call <= hanging, release);
        }

        /** @param hangs whether the call of this number (from 1) hangs */
        Calls(IntPredicate hangs, CountDownLatch release) {
            this.hangs = hangs;
            this.release = release;
        }

        @Override
        public Optional<Integration> find(String resource) {
            return Optional.of(request -> {
                if (hangs.test(count.incrementAndGet())) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new TaskOutcome.Failed("Killed", "this call's worker was killed long ago");
                }
                return new TaskOutcome.Succeeded(request.input().path("Payload"));
            });
        }
    }

    private static void awaitLastEvent(SfnClient sfn, String arn, String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<HistoryEvent> history = List.of();
        while (System.nanoTime() < deadline) {
            history = Executions.history(sfn, arn);
            if (!history.isEmpty() && history.get(history.size() - 1).typeAsString().equals(type)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the history of " + arn + " does not end with " + type + ": "
                + history.stream().map(HistoryEvent::typeAsString).toList());
    }
}
