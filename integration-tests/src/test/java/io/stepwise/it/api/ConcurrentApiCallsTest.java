package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * Many clients racing on one state machine name: whatever interleaving the server sees, every call ends in success
 * or one of AWS's client error codes, never in a server error. The client does not retry, so no 500 is hidden.
 */
class ConcurrentApiCallsTest extends ApiServerTest {
    private static final String PASS = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
    private static final String WAIT = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}}""";
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 75;

    @Override
    SfnClient client(ApiBackend server) {
        return withoutRetries(server);
    }

    @Test
    void racingCallsOnOneStateMachineNeverFailTheServer() throws Exception {
        String arn = "arn:aws:states:us-east-1:123456789012:stateMachine:contested";
        Map<String, AtomicInteger> serverErrors = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        race(thread -> {
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                int op = ThreadLocalRandom.current().nextInt(9);
                String outcome;
                try {
                    call(op, arn);
                    outcome = "ok";
                } catch (SfnException e) {
                    outcome = e.awsErrorDetails().errorCode();
                    if (e.statusCode() >= 500) {
                        serverErrors.computeIfAbsent(op + ": " + e.awsErrorDetails().errorMessage(),
                                k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                outcomes.computeIfAbsent(op + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
            }
        });

        assertThat(serverErrors).as("server errors; all outcomes: %s", outcomes).isEmpty();
        assertThat(outcomes.keySet()).as("the races actually happened").anyMatch(k -> k.startsWith("0 ok"))
                .anyMatch(k -> k.startsWith("1 ok"));

        // No version published during the races outlives its machine into the next machine of that name.
        sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        String fresh = """
                {"Comment":"fresh","StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
        String version = sfn.createStateMachine(b -> b.name("contested").definition(fresh).roleArn(ROLE)
                .publish(true)).stateMachineVersionArn();
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(version)).definition()).isEqualTo(fresh);
        assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(arn)).stateMachineVersions()).hasSize(1);
    }

    /** Racing CreateActivity, DeleteActivity and DescribeActivity calls end in success or an AWS client error. */
    @Test
    void racingActivityCallsNeverFailTheServer() throws Exception {
        String arn = "arn:aws:states:us-east-1:123456789012:activity:contested";
        Map<String, AtomicInteger> serverErrors = new ConcurrentHashMap<>();
        race(thread -> {
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                int op = ThreadLocalRandom.current().nextInt(3);
                try {
                    switch (op) {
                        case 0 -> assertThat(sfn.createActivity(b -> b.name("contested")).activityArn())
                                .isEqualTo(arn);
                        case 1 -> sfn.deleteActivity(b -> b.activityArn(arn));
                        default -> sfn.describeActivity(b -> b.activityArn(arn));
                    }
                } catch (SfnException e) {
                    if (e.statusCode() >= 500) {
                        serverErrors.computeIfAbsent(op + ": " + e.awsErrorDetails().errorMessage(),
                                k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            }
        });
        assertThat(serverErrors).isEmpty();
    }

    /** Tag changes and updates read, change and write the same record: none may overwrite another's change. */
    @Test
    void concurrentTagAndUpdateCallsLoseNoChange() throws Exception {
        String arn = sfn.createStateMachine(b -> b.name("tagged").definition(PASS).roleArn(ROLE)).stateMachineArn();
        race(thread -> {
            for (int i = 0; i < 5; i++) {
                String key = "t" + thread + "-" + i;
                sfn.tagResource(b -> b.resourceArn(arn).tags(tag -> tag.key(key).value("v")));
                sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(WAIT));
            }
        });

        assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).hasSize(THREADS * 5);
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition()).isEqualTo(WAIT);
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).revisionId())
                .isEqualTo(Integer.toString(1 + THREADS * 5));
    }

    /**
     * Runs {@code worker} on {@link #THREADS} threads released at the same moment, so that their calls interleave;
     * {@code worker} is given its thread's number. A worker's failure fails the test.
     */
    private static void race(IntConsumer worker) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                go.await();
                worker.accept(thread);
                return null;
            }));
        }
        go.countDown();
        for (Future<?> running : workers) {
            running.get();
        }
        pool.shutdown();
    }

    private void call(int op, String arn) {
        switch (op) {
            case 0 -> sfn.createStateMachine(b -> b.name("contested").definition(PASS).roleArn(ROLE));
            case 1 -> sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
            case 2 -> sfn.describeStateMachine(b -> b.stateMachineArn(arn));
            case 3 -> sfn.startExecution(b -> b.stateMachineArn(arn).input("{}"));
            case 4 -> sfn.updateStateMachine(b -> b.stateMachineArn(arn)
                    .definition(ThreadLocalRandom.current().nextBoolean() ? PASS : WAIT));
            case 5 -> sfn.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("k" + ThreadLocalRandom.current()
                    .nextInt(5)).value("v")));
            case 6 -> sfn.createStateMachine(b -> b.name("contested").definition(PASS).roleArn(ROLE).publish(true));
            case 7 -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn));
            default -> sfn.listExecutions(b -> b.stateMachineArn(arn));
        }
    }
}
