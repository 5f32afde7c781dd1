package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.query.Json;
import io.stepwise.runtime.ExecutionResult;
import io.stepwise.runtime.InMemoryRunner;
import io.stepwise.runtime.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Workflow variables and the JSONata dialect, observed through outputs and history events. */
class VariablesAndJsonataTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static ExecutionResult run(String definition, String input) {
        InMemoryRunner runner = new InMemoryRunner(resource -> Optional.of(
                request -> new TaskOutcome.Succeeded(Json.parse("{\"answer\":42}"))), new VirtualClock(START));
        return runner.run(DefinitionParser.parse(definition), new ExecutionStart(
                "arn:aws:states:us-east-1:123456789012:execution:m:e", "e",
                "arn:aws:states:us-east-1:123456789012:stateMachine:m", "m",
                "arn:aws:iam::123456789012:role/r", "us-east-1", input, START, 7));
    }

    private static JsonNode output(ExecutionResult result) {
        assertThat(result.state().status).as(result.state().error + ": " + result.state().cause)
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        return result.state().output;
    }

    @Test
    void everyAssignExpressionSeesTheValuesAtStateEntry() {
        JsonNode out = output(run("""
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
                  "B": {"Type": "Pass", "Assign": {"x": "{% $x + 1 %}", "y": "{% $x %}"}, "Next": "C"},
                  "C": {"Type": "Pass", "Output": {"x": "{% $x %}", "y": "{% $y %}"}, "End": true}}}
                """, "{}"));
        assertThat(out).isEqualTo(Json.parse("{\"x\":2,\"y\":1}"));
    }

    @Test
    void outputDoesNotSeeTheSameStatesAssignments() {
        JsonNode out = output(run("""
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
                  "B": {"Type": "Pass", "Assign": {"x": 5}, "Output": "{% $x %}", "End": true}}}
                """, "{}"));
        assertThat(out.asInt()).isEqualTo(1);
    }

    @Test
    void assignedVariablesAreRecordedOnTheExitEvent() {
        ExecutionResult result = run("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Result": {"v": [1, 2]}, "Assign": {"list.$": "$.v", "n": 3}, "End": true}}}
                """, "{}");
        HistoryEvent exited = result.history().stream().filter(e -> e.type() == HistoryEventType.PASS_STATE_EXITED)
                .findFirst().orElseThrow();
        assertThat(exited.details().get("assignedVariables"))
                .isEqualTo(Json.parse("{\"list\":\"[1,2]\",\"n\":\"3\"}"));
        assertThat(exited.details().get("assignedVariablesDetails").get("truncated").asBoolean()).isFalse();
    }

    @Test
    void mapIterationsReadOuterVariablesButTheirOwnStayInside() {
        JsonNode out = output(run("""
                {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Assign": {"base": 10}, "Next": "Map"},
                  "Map": {"Type": "Map", "Items": [1, 2, 3], "ItemProcessor": {
                      "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Inner", "States": {
                        "Inner": {"Type": "Pass", "Assign": {"inner": "{% $states.input %}"}, "Next": "Use"},
                        "Use": {"Type": "Pass", "Output": "{% $base + $inner %}", "End": true}}},
                    "Next": "After"},
                  "After": {"Type": "Pass", "Output": {"results": "{% $states.input %}",
                      "innerVisible": "{% $exists($inner) %}"}, "End": true}}}
                """, "{}"));
        assertThat(out.get("results")).isEqualTo(Json.parse("[11,12,13]"));
        assertThat(out.get("innerVisible").asBoolean()).isFalse();
    }

    @Test
    void distributedMapIterationsCannotReadOuterVariables() {
        ExecutionResult result = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Assign": {"base": 10}, "Next": "Map"},
                  "Map": {"Type": "Map", "Items": [1], "ItemProcessor": {
                      "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Use", "States": {"Use": {"Type": "Pass", "Output": "{% $base %}", "End": true}}},
                    "End": true}}}
                """, "{}");
        // The child execution fails with States.QueryEvaluationError; a Map Run with no tolerated failures then
        // fails as a whole (AWS DMAP: any failure exceeds the default threshold of 0).
        assertThat(result.state().status).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.state().error).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void catchAssignWritesToTheEnclosingScope() {
        JsonNode out = output(run("""
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "Branches": [{"StartAt": "F", "States": {
                      "F": {"Type": "Fail", "Error": "Boom", "Cause": "bad"}}}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"caught": "{% $states.errorOutput.Error %}"},
                               "Next": "After"}],
                    "End": true},
                  "After": {"Type": "Pass", "Output": "{% $caught %}", "End": true}}}
                """, "{}"));
        assertThat(out.asText()).isEqualTo("Boom");
    }

    @Test
    void taskResultIsTheDefaultOutputAndFeedsOutputExpressions() {
        JsonNode out = output(run("""
                {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"},
                        "Output": {"doubled": "{% $states.result.answer * 2 %}"}, "End": true}}}
                """, "{}"));
        assertThat(out).isEqualTo(Json.parse("{\"doubled\":84}"));
    }

    @Test
    void aRunawayExpressionFailsWithQueryEvaluationErrorInBoundedTime() {
        long started = System.nanoTime();
        ExecutionResult result = run("""
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Output": "{% ($f := function($n){ $f($n + 1) }; $f(0)) %}", "End": true}}}
                """, "{}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(result.state().error).isEqualTo("States.QueryEvaluationError");
        List<String> types = result.history().stream().map(e -> e.type().wireName()).toList();
        assertThat(types).containsSubsequence("PassStateEntered", "EvaluationFailed", "ExecutionFailed");
    }

    @Test
    void queryEvaluationErrorsAreCatchable() {
        JsonNode out = output(run("""
                {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Arguments": {"x": "{% $nothing %}"},
                        "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Pass", "Output": "{% $states.input.Error %}", "End": true}}}
                """, "{}"));
        assertThat(out.asText()).isEqualTo("States.QueryEvaluationError");
    }

    @Test
    void anAssignOverTheVariableQuotaFailsTheState() {
        String big = "x".repeat(300 * 1024);
        ExecutionResult result = run("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"big.$": "$.big"}, "End": true}}}
                """, "{\"big\":\"" + big + "\"}");
        assertThat(result.state().error).isEqualTo("States.DataLimitExceeded");
    }
}
