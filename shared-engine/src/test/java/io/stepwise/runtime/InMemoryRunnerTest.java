package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.query.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryRunnerTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private static final String EXECUTION_ARN = "arn:aws:states:us-east-1:123456789012:execution:m:e";
    private static final String LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:work";

    private final VirtualClock clock = new VirtualClock(T0);
    private final List<TaskRequest> requests = new ArrayList<>();

    private ExecutionResult run(String definition, String input, IntegrationRegistry integrations) {
        ExecutionStart start = new ExecutionStart(EXECUTION_ARN, "e", "arn:aws:states:us-east-1:123456789012:stateMachine:m",
                "m", "arn:aws:iam::123456789012:role/r", "us-east-1", input, clock.instant(), 1L);
        return new InMemoryRunner(integrations, clock).run(DefinitionParser.parse(definition), start);
    }

    /** Every resource is served by {@code integration}; calls are recorded in {@link #requests}. */
    private IntegrationRegistry all(Integration integration) {
        return resource -> Optional.of(request -> {
            requests.add(request);
            return integration.invoke(request);
        });
    }

    private static IntegrationRegistry none() {
        return resource -> Optional.empty();
    }

    private static String taskMachine(String resource, String extra) {
        return """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", %s "End": true}}}"""
                .formatted(resource, extra);
    }

    private static List<String> types(ExecutionResult result) {
        return result.history().stream().map(e -> e.type().wireName()).toList();
    }

    private static HistoryEvent last(ExecutionResult result) {
        return result.history().get(result.history().size() - 1);
    }

    private static List<HistoryEvent> events(ExecutionResult result, String type) {
        return result.history().stream().filter(e -> e.type().wireName().equals(type)).toList();
    }

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    @Test
    void aOneYearWaitFinishesInstantlyAtTheRightVirtualTimes() {
        long oneYear = Duration.ofDays(365).toSeconds();
        long wallStart = System.nanoTime();

        ExecutionResult result = run("""
                {"StartAt": "W", "States": {
                  "W": {"Type": "Wait", "Seconds": %d, "Next": "P"},
                  "P": {"Type": "Pass", "End": true}}}""".formatted(oneYear), "{\"a\": 1}", none());

        assertThat(Duration.ofNanos(System.nanoTime() - wallStart)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.state().output).isEqualTo(json("{\"a\": 1}"));
        assertThat(types(result)).containsExactly("ExecutionStarted", "WaitStateEntered", "WaitStateExited",
                "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        assertThat(result.history().get(1).timestamp()).isEqualTo(T0);
        assertThat(result.history().subList(2, 6)).extracting(HistoryEvent::timestamp)
                .containsOnly(T0.plusSeconds(oneYear));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(oneYear));
    }

    @Test
    void theIntegrationIsCalledWithTheParameters() {
        ExecutionResult result = run(taskMachine("arn:aws:states:::lambda:invoke", """
                "Parameters": {"FunctionName": "work", "Payload": {"n.$": "$.n"}},"""), "{\"n\": 3}",
                all(request -> new TaskOutcome.Succeeded(json("{\"Payload\": {\"doubled\": 6}}"))));

        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.input()).isEqualTo(json("{\"FunctionName\": \"work\", \"Payload\": {\"n\": 3}}"));
            assertThat(request.resource()).isEqualTo("arn:aws:states:::lambda:invoke");
            assertThat(request.stateName()).isEqualTo("T");
            assertThat(request.executionArn()).isEqualTo(EXECUTION_ARN);
            assertThat(request.taskToken()).isNull();
        });
        assertThat(result.state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.state().output).isEqualTo(json("{\"Payload\": {\"doubled\": 6}}"));
        assertThat(types(result)).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled",
                "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    }

    @Test
    void anUnknownLambdaFunctionFailsWithResourceNotFound() {
        ExecutionResult result = run(taskMachine(LAMBDA_ARN, ""), "{}", none());

        assertThat(result.state().status).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.state().error).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(events(result, "LambdaFunctionFailed")).singleElement()
                .satisfies(e -> assertThat(e.details().get("cause").asText()).contains(LAMBDA_ARN));
    }

    @Test
    void anUnknownLambdaInvokeFailsWithResourceNotFound() {
        ExecutionResult result = run(taskMachine("arn:aws:states:::lambda:invoke",
                "\"Parameters\": {\"FunctionName\": \"nope\"},"), "{}", none());

        assertThat(result.state().error).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(types(result)).contains("TaskFailed");
    }

    @Test
    void anUnknownServiceResourceFailsTheTask() {
        ExecutionResult result = run(taskMachine("arn:aws:states:::sqs:sendMessage", ""), "{}", none());

        assertThat(result.state().error).isEqualTo("States.TaskFailed");
    }

    @Test
    void anIntegrationThatThrowsFailsTheTask() {
        ExecutionResult result = run(taskMachine(LAMBDA_ARN, ""), "{}", all(request -> {
            throw new IllegalStateException("kaput");
        }));

        assertThat(result.state().status).isEqualTo(ExecutionStatus.FAILED);
        assertThat(events(result, "LambdaFunctionFailed")).singleElement()
                .satisfies(e -> assertThat(e.details().get("cause").asText())
                        .isEqualTo("IllegalStateException: kaput"));
        assertThat(result.state().error).as("an unexpected exception, as in the durable runner")
                .isEqualTo("States.TaskFailed");
    }

    @Test
    void aThrowingIntegrationCanBeCaught() {
        ExecutionResult result = run("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "%s", "End": true,
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}]},
                  "C": {"Type": "Pass", "End": true}}}""".formatted(LAMBDA_ARN), "{}", all(request -> {
            throw new IllegalStateException("kaput");
        }));

        assertThat(result.state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.state().output.get("Cause").asText()).isEqualTo("IllegalStateException: kaput");
    }

    @Test
    void retryBackoffAdvancesVirtualTimeByTheBackoff() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionResult result = run(taskMachine(LAMBDA_ARN, """
                "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 5, "BackoffRate": 2, "MaxAttempts": 3}],"""),
                "{}", all(request -> calls.incrementAndGet() < 3
                        ? new TaskOutcome.Failed("Flaky", "try again")
                        : new TaskOutcome.Succeeded(json("\"ok\""))));

        assertThat(calls).hasValue(3);
        assertThat(result.state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(events(result, "LambdaFunctionScheduled")).extracting(HistoryEvent::timestamp)
                .containsExactly(T0, T0.plusSeconds(5), T0.plusSeconds(15));
        assertThat(last(result).timestamp()).isEqualTo(T0.plusSeconds(15));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(15));
    }

    @Test
    void aCallbackTaskThatNeverAnswersTimesOutInVirtualTime() {
        ExecutionResult result = run(taskMachine("arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "\"TimeoutSeconds\": 3600,"), "{}", all(request -> new TaskOutcome.Pending()));

        assertThat(requests).singleElement().satisfies(r -> assertThat(r.taskToken()).isNotBlank());
        assertThat(result.state().status).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.state().error).isEqualTo("States.Timeout");
        assertThat(last(result).timestamp()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void aCallbackTaskWithoutTimeoutLeavesTheExecutionRunning() {
        ExecutionResult result = run(taskMachine("arn:aws:states:::sqs:sendMessage.waitForTaskToken", ""), "{}",
                all(request -> new TaskOutcome.Pending()));

        assertThat(result.state().status).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(types(result)).last().isEqualTo("TaskStarted");
    }

    @Test
    void aTaskThatAnswersCancelsItsTimeout() {
        ExecutionResult result = run("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 10, "Next": "W"},
                  "W": {"Type": "Wait", "Seconds": 60, "End": true}}}""".formatted(LAMBDA_ARN), "{}",
                all(request -> new TaskOutcome.Succeeded(json("{}"))));

        assertThat(result.state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(types(result)).doesNotContain("LambdaFunctionTimedOut");
        assertThat(last(result).timestamp()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void executionTimeoutStopsALongWait() {
        ExecutionResult result = run("""
                {"StartAt": "W", "TimeoutSeconds": 100, "States": {"W": {"Type": "Wait", "Seconds": 1000, "End": true}}}""",
                "{}", none());

        assertThat(result.state().status).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(last(result).type()).isEqualTo(HistoryEventType.EXECUTION_TIMED_OUT);
        assertThat(last(result).timestamp()).isEqualTo(T0.plusSeconds(100));
    }

    @Test
    void mapIterationsWithTasksRunToCompletion() {
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 2, "End": true,
                  "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}}}}"""
                .formatted(LAMBDA_ARN), "[1, 2, 3, 4, 5]",
                all(request -> new TaskOutcome.Succeeded(json(String.valueOf(request.input().asInt() * 10)))));

        assertThat(result.state().output).isEqualTo(json("[10, 20, 30, 40, 50]"));
        assertThat(requests).hasSize(5);
    }

    @Test
    void aCancelledTimeoutDoesNotMoveTheVirtualClock() {
        ExecutionResult result = run("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 300, "Next": "C"},
                  "C": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                        "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}}""".formatted(LAMBDA_ARN), "{}",
                all(request -> request.taskToken() == null ? new TaskOutcome.Succeeded(json("{}"))
                        : new TaskOutcome.Pending()));

        assertThat(result.state().status).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    void everyStepChangesTheOneStateObjectInsteadOfACopy() {
        List<Object> states = new ArrayList<>();
        ExecutionStart start = new ExecutionStart(EXECUTION_ARN, "e",
                "arn:aws:states:us-east-1:123456789012:stateMachine:m", "m", "arn:aws:iam::123456789012:role/r",
                "us-east-1", "{}", clock.instant(), 1L);
        ExecutionState end = new InMemoryRunner(all(request -> new TaskOutcome.Succeeded(json("{}"))), clock).run(
                new Interpreter(DefinitionParser.parse(taskMachine(LAMBDA_ARN, ""))), start, event -> { },
                new StepObserver() {
                    @Override
                    public void started(ExecutionStart started, Step step) {
                        states.add(step.state());
                    }

                    @Override
                    public void applied(Trigger trigger, Instant now, Step step) {
                        states.add(step.state());
                    }
                });

        assertThat(end.status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(states).hasSize(2).allSatisfy(state -> assertThat(state).isSameAs(end));
    }

    @Test
    void theExpressChildrenOfADistributedMapRunSideBySideOnTheRunsTimeline() {
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "W", "States": {
                      "W": {"Type": "Wait", "SecondsPath": "$", "Next": "T"},
                      "T": {"Type": "Task", "Resource": "%s", "End": true}}}}}}""".formatted(LAMBDA_ARN),
                "[3, 1, 2]",
                all(request -> new TaskOutcome.Succeeded(json(String.valueOf(request.input().asInt() * 10)))));

        assertThat(result.state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.state().output).isEqualTo(json("[30, 10, 20]"));
        assertThat(requests).extracting(request -> request.input().asInt()).containsExactly(1, 2, 3);
        assertThat(requests).extracting(TaskRequest::executionArn)
                .allSatisfy(arn -> assertThat(arn).isNotEqualTo(EXECUTION_ARN));
        assertThat(last(result).timestamp()).isEqualTo(T0.plusSeconds(3));
        assertThat(types(result)).contains("MapRunStarted", "MapRunSucceeded").doesNotContain("TaskScheduled");
    }
}
