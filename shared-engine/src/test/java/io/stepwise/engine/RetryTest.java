package io.stepwise.engine;

import static io.stepwise.engine.Execution.T0;
import static io.stepwise.engine.Execution.failed;
import static io.stepwise.engine.Execution.fired;
import static io.stepwise.engine.Execution.json;
import static io.stepwise.engine.Execution.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Retrier;
import io.stepwise.asl.Retrier.JitterStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RetryTest {
    private static final String LAMBDA = "arn:aws:states:::lambda:invoke";

    /** A Task {@code T} with {@code handling} (Retry/Catch members), whose Catch may go to {@code Caught}. */
    private static Execution task(String handling) {
        return Execution.of("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "%s", "End": true,
                        "Parameters": {"retryCount.$": "$$.State.RetryCount"}, %s},
                  "Caught": {"Type": "Pass", "End": true}}}""".formatted(LAMBDA, handling));
    }

    /**
     * Fails the current attempt with {@code error} at {@code at}, and returns the retry timer's due time,
     * or {@code null} when the failure was not retried.
     */
    private static Instant failAndGetRetryDue(Execution ex, String error, Instant at) {
        ex.apply(failed(ex.invoke(), error, "cause"), at);
        List<Command.StartTimer> timers = ex.timers();
        assertThat(timers).hasSizeLessThanOrEqualTo(1);
        return timers.isEmpty() ? null : timers.get(0).dueAt();
    }

    /** Fails every attempt with {@code error} and returns the delays between failure and retry, in seconds. */
    private static List<Double> backoffs(Execution ex, String error) {
        List<Double> delays = new ArrayList<>();
        Instant now = T0;
        while (ex.status() == ExecutionStatus.RUNNING) {
            Instant due = failAndGetRetryDue(ex, error, now);
            if (due == null) {
                break;
            }
            delays.add(Duration.between(now, due).toNanos() / 1e9);
            now = due;
            ex.apply(fired(ex.timer()), now);
        }
        return delays;
    }

    @Nested
    class Timing {
        @Test
        void intervalGrowsByTheBackoffRate() {
            Execution ex = task("""
                    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 3}]""")
                    .start("{}");

            assertThat(backoffs(ex, "E")).containsExactly(2.0, 6.0, 18.0);
            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        }

        @Test
        void defaultsAreOneSecondDoublingThreeTimes() {
            Execution ex = task("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}]").start("{}");

            assertThat(backoffs(ex, "E")).containsExactly(1.0, 2.0, 4.0);
        }

        @Test
        void aRetryRunsTheTaskAgainWithoutEnteringTheStateAgain() {
            Execution ex = task("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 1}]").start("{}");

            ex.apply(failed(ex.invoke(), "E", "c"), T0);
            assertThat(ex.types()).containsExactly("TaskFailed");
            ex.apply(fired(ex.timer()), T0.plusSeconds(1));

            assertThat(ex.types()).containsExactly("TaskScheduled", "TaskStarted");
            assertThat(ex.events("TaskStateEntered")).hasSize(1);
            assertThat(ex.invoke().input()).isEqualTo(json("{\"retryCount\": 1}"));
        }

        @Test
        void maxDelaySecondsCapsTheBackoff() {
            Execution ex = task("""
                    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "BackoffRate": 10,
                               "MaxAttempts": 4, "MaxDelaySeconds": 50}]""").start("{}");

            assertThat(backoffs(ex, "E")).containsExactly(10.0, 50.0, 50.0, 50.0);
        }

        @Test
        void fullJitterStaysWithinTheIntervalAndIsDeterministicPerSeed() {
            String retry = """
                    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "BackoffRate": 2,
                               "MaxAttempts": 6, "JitterStrategy": "FULL"}]""";

            List<Double> first = backoffs(task(retry).start("{}", 7), "E");
            List<Double> again = backoffs(task(retry).start("{}", 7), "E");
            List<Double> otherSeed = backoffs(task(retry).start("{}", 8), "E");

            assertThat(first).hasSize(6);
            for (int i = 0; i < first.size(); i++) {
                assertThat(first.get(i)).isBetween(0.0, 10.0 * Math.pow(2, i));
            }
            assertThat(first).isEqualTo(again);
            assertThat(first).isNotEqualTo(otherSeed);
            assertThat(first).as("jitter actually varies the delays")
                    .isNotEqualTo(List.of(10.0, 20.0, 40.0, 80.0, 160.0, 320.0));
        }
    }

    @Nested
    class Budgets {
        @Test
        void maxAttemptsZeroNeverRetries() {
            Execution ex = task("""
                    "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}]""").start("{}");

            assertThat(failAndGetRetryDue(ex, "E", T0)).isNull();
            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        }

        @Test
        void eachRetrierHasItsOwnBudget() {
            String retry = """
                    "Retry": [{"ErrorEquals": ["A"], "MaxAttempts": 1, "IntervalSeconds": 1, "BackoffRate": 1},
                              {"ErrorEquals": ["B"], "MaxAttempts": 2, "IntervalSeconds": 1, "BackoffRate": 1}]""";
            Execution ex = task(retry).start("{}");
            Instant now = T0;

            for (String error : List.of("A", "B", "B")) {
                Instant due = failAndGetRetryDue(ex, error, now);
                assertThat(due).as("retry after %s", error).isNotNull();
                now = due;
                ex.apply(fired(ex.timer()), now);
            }
            assertThat(failAndGetRetryDue(ex, "B", now)).as("B's budget of 2 is spent").isNull();
            assertThat(ex.state.error).isEqualTo("B");

            Execution other = task(retry).start("{}");
            now = T0;
            for (String error : List.of("A", "B")) {
                now = failAndGetRetryDue(other, error, now);
                other.apply(fired(other.timer()), now);
            }
            assertThat(failAndGetRetryDue(other, "A", now)).as("A's budget of 1 is spent").isNull();
            assertThat(other.state.error).isEqualTo("A");
        }

        @Test
        void onlyTheFirstMatchingRetrierCounts() {
            Execution ex = task("""
                    "Retry": [{"ErrorEquals": ["A"], "MaxAttempts": 1},
                              {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}]""").start("{}");

            Instant due = failAndGetRetryDue(ex, "A", T0);
            ex.apply(fired(ex.timer()), due);

            assertThat(failAndGetRetryDue(ex, "A", due)).isNull();
            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        }

        @Test
        void retryCountsCarryAcrossVisitsOfTheState() {
            Execution ex = Execution.of("""
                    {"StartAt": "T", "States": {
                      "T": {"Type": "Task", "Resource": "%s", "Next": "Again",
                            "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1}]},
                      "Again": {"Type": "Choice", "Choices": [{"Variable": "$.again", "BooleanEquals": true, "Next": "T"}],
                                "Default": "Done"},
                      "Done": {"Type": "Succeed"}}}""".formatted(LAMBDA)).start("{}");

            Instant due = failAndGetRetryDue(ex, "E", T0);
            ex.apply(fired(ex.timer()), due);
            ex.apply(succeeded(ex.invoke(), "{\"again\": true}"), due);
            assertThat(ex.events("TaskStateEntered")).hasSize(2);

            assertThat(failAndGetRetryDue(ex, "E", due)).isNull();
            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        }
    }

    @Nested
    class StaleTimers {
        @Test
        void aSecondFiringOfTheRetryTimerIsIgnored() {
            Execution ex = task("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"IntervalSeconds\": 2}]").start("{}");
            ex.apply(failed(ex.invoke(), "E", null), 1);
            Command.StartTimer retry = ex.timer();
            ex.apply(fired(retry), 3);
            assertThat(ex.types()).containsExactly("TaskScheduled", "TaskStarted");

            ex.apply(fired(retry), 4);

            assertThat(ex.last.events()).isEmpty();
            assertThat(ex.last.commands()).isEmpty();
        }
        @Test
        void aLateTimeoutTimerOfTheFailedAttemptDoesNotCutTheBackoffShort() {
            Execution ex = task("""
                    "TimeoutSeconds": 30, "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 60}]""").start("{}");
            Command.StartTimer attemptTimeout = ex.timer();
            ex.apply(failed(ex.invoke(), "E", null), 1);
            assertThat(ex.timer().dueAt()).isEqualTo(T0.plusSeconds(61));

            ex.apply(fired(attemptTimeout), 30);

            assertThat(ex.types()).as("the cancelled timeout timer must be a no-op").isEmpty();
            assertThat(ex.commands(Command.InvokeTask.class)).isEmpty();
        }
        @Test
        void aLateHeartbeatTimerOfTheFailedAttemptDoesNotCutTheBackoffShort() {
            Execution ex = task("""
                    "HeartbeatSeconds": 30, "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 60}]""").start("{}");
            Command.StartTimer heartbeat = ex.timer();
            ex.apply(failed(ex.invoke(), "E", null), 1);

            ex.apply(fired(heartbeat), 30);

            assertThat(ex.types()).isEmpty();
            assertThat(ex.commands(Command.InvokeTask.class)).isEmpty();
        }
    }

    @Nested
    class Matching {
        @Test
        void statesAllDoesNotCatchStatesRuntime() {
            Execution ex = Execution.of("""
                    {"StartAt": "T", "States": {
                      "T": {"Type": "Task", "Resource": "%s", "OutputPath": "$.missing", "End": true,
                            "Retry": [{"ErrorEquals": ["States.ALL"]}],
                            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
                      "Caught": {"Type": "Pass", "End": true}}}""".formatted(LAMBDA)).start("{}");

            ex.apply(succeeded(ex.invoke(), "{}"), 1);

            assertThat(ex.timers()).isEmpty();
            assertThat(ex.state.error).isEqualTo("States.Runtime");
            assertThat(ex.historyTypes()).doesNotContain("PassStateEntered");
        }

        @Test
        void statesRuntimeNamedExplicitlyIsCaught() {
            Execution ex = Execution.of("""
                    {"StartAt": "T", "States": {
                      "T": {"Type": "Task", "Resource": "%s", "OutputPath": "$.missing", "End": true,
                            "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "Caught"}]},
                      "Caught": {"Type": "Pass", "End": true}}}""".formatted(LAMBDA)).start("{}");

            ex.apply(succeeded(ex.invoke(), "{}"), 1);

            assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(ex.output().get("Error").asText()).isEqualTo("States.Runtime");
        }

        @Test
        void statesTaskFailedDoesNotMatchStatesTimeout() {
            Execution ex = task("""
                    "TimeoutSeconds": 5,
                    "Retry": [{"ErrorEquals": ["States.TaskFailed"]}],
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Caught"}]""").start("{}");

            ex.apply(fired(ex.timer()), 5);

            assertThat(ex.types()).containsExactly("TaskTimedOut", "ExecutionFailed");
            assertThat(ex.state.error).isEqualTo("States.Timeout");
        }

        @Test
        void statesTaskFailedMatchesOtherTaskErrors() {
            Execution ex = task("""
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Caught"}]""").start("{}");

            ex.apply(failed(ex.invoke(), "Lambda.ServiceException", "x"), 1);

            assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }

        @Test
        void statesTimeoutIsRetriedWhenNamed() {
            Execution ex = task("""
                    "TimeoutSeconds": 5, "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 3}]""")
                    .start("{}");

            ex.apply(fired(ex.timer()), 5);

            assertThat(ex.timer().dueAt()).isEqualTo(T0.plusSeconds(8));
        }
        @Test
        void statesTaskFailedMatchesHeartbeatTimeout() {
            Execution ex = task("""
                    "HeartbeatSeconds": 5,
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Caught"}]""").start("{}");

            ex.apply(fired(ex.timer()), 5);

            assertThat(ex.state.error).isNull();
            assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }

        @Test
        void afterTheRetriesAreExhaustedTheCatchApplies() {
            Execution ex = task("""
                    "ResultPath": "$.result",
                    "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 2, "IntervalSeconds": 1}],
                    "Catch": [{"ErrorEquals": ["E"], "ResultPath": "$.error", "Next": "Caught"}]""")
                    .start("{\"in\": 1}");

            assertThat(backoffs(ex, "E")).containsExactly(1.0, 2.0);

            assertThat(ex.types()).containsExactly("TaskFailed", "TaskStateExited", "PassStateEntered",
                    "PassStateExited", "ExecutionSucceeded");
            assertThat(ex.output()).isEqualTo(json("{\"in\": 1, \"error\": {\"Error\": \"E\", \"Cause\": \"cause\"}}"));
        }

        @Test
        void aParallelStateIsRetriedAsAWhole() {
            Execution ex = Execution.of("""
                    {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
                      "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1, "IntervalSeconds": 4}],
                      "Branches": [{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}]}}}"""
                    .formatted(LAMBDA)).start("{}");

            ex.apply(failed(ex.invoke(), "E", null), 1);
            assertThat(ex.timer().dueAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(ex.types()).doesNotContain("ParallelStateFailed");

            ex.apply(fired(ex.timer()), 5);
            assertThat(ex.types()).containsExactly("ParallelStateStarted", "TaskStateEntered", "TaskScheduled",
                    "TaskStarted");
            ex.apply(succeeded(ex.invoke(), "1"), 6);
            assertThat(ex.output()).isEqualTo(json("[1]"));
        }
    }

    @Nested
    class RetryDelayOf {
        private final RandomGenerator noRandom = () -> {
            throw new AssertionError("no jitter was asked for");
        };

        private Retrier retrier(double interval, double backoff, Integer maxDelay, JitterStrategy jitter) {
            return new Retrier(List.of("States.ALL"), interval, 3, backoff, maxDelay, jitter);
        }

        @Test
        void theFirstRetryWaitsTheInterval() {
            assertThat(RetryDelay.of(retrier(3, 2, null, JitterStrategy.NONE), 0, noRandom))
                    .isEqualTo(Duration.ofSeconds(3));
        }

        @Test
        void laterRetriesMultiplyByTheBackoffRatePerAttempt() {
            Retrier r = retrier(3, 2, null, JitterStrategy.NONE);

            assertThat(RetryDelay.of(r, 1, noRandom)).isEqualTo(Duration.ofSeconds(6));
            assertThat(RetryDelay.of(r, 4, noRandom)).isEqualTo(Duration.ofSeconds(48));
        }

        @Test
        void fractionalRatesGiveSubSecondPrecision() {
            assertThat(RetryDelay.of(retrier(1, 1.5, null, JitterStrategy.NONE), 1, noRandom))
                    .isEqualTo(Duration.ofMillis(1500));
        }

        @Test
        void maxDelaySecondsCaps() {
            Retrier r = retrier(5, 3, 20, JitterStrategy.NONE);

            assertThat(RetryDelay.of(r, 1, noRandom)).isEqualTo(Duration.ofSeconds(15));
            assertThat(RetryDelay.of(r, 2, noRandom)).isEqualTo(Duration.ofSeconds(20));
            assertThat(RetryDelay.of(r, 30, noRandom)).isEqualTo(Duration.ofSeconds(20));
        }

        @Test
        void fullJitterScalesTheCappedDelayByTheDraw() {
            RandomGenerator half = new RandomGenerator() {
                @Override
                public long nextLong() {
                    throw new AssertionError();
                }

                @Override
                public double nextDouble() {
                    return 0.5;
                }
            };

            assertThat(RetryDelay.of(retrier(4, 2, null, JitterStrategy.FULL), 2, half))
                    .isEqualTo(Duration.ofSeconds(8));
            assertThat(RetryDelay.of(retrier(4, 2, 10, JitterStrategy.FULL), 2, half))
                    .isEqualTo(Duration.ofSeconds(5));
        }

        @Test
        void fullJitterStaysWithinZeroAndTheInterval() {
            Retrier r = retrier(10, 2, null, JitterStrategy.FULL);
            SplittableRandom random = new SplittableRandom(99);

            for (int i = 0; i < 1000; i++) {
                assertThat(RetryDelay.of(r, 1, random)).isBetween(Duration.ZERO, Duration.ofSeconds(20));
            }
        }

        @Test
        void aLargeAttemptCountDoesNotOverflowWhenCapped() {
            assertThat(RetryDelay.of(retrier(99_999_999, 2, 31_622_400, JitterStrategy.NONE), 60, noRandom))
                    .isEqualTo(Duration.ofSeconds(31_622_400));
        }
    }
}
