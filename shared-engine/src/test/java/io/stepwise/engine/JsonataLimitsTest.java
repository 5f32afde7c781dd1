package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.query.jsonata.JsonataLimits;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSONata bounds are part of the engine's limits, so a deployment sets them where it sets the others. */
class JsonataLimitsTest {
    private static final String DOUBLES = """
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
              "P": {"Type": "Pass", "Output": "{% $count([1..50].($ * 2)) %}", "End": true}}}
            """;

    private static HistoryEvent lastEvent(EngineLimits limits) {
        Interpreter interpreter = new Interpreter(DefinitionParser.parse(DOUBLES), limits);
        Step step = interpreter.start(new ExecutionStart("arn:aws:states:us-east-1:1:execution:m:e", "e",
                "arn:aws:states:us-east-1:1:stateMachine:m", "m", "arn:aws:iam::1:role/r", "us-east-1", "{}",
                Instant.parse("2026-01-01T00:00:00Z"), 1));
        List<HistoryEvent> events = step.events();
        return events.get(events.size() - 1);
    }

    @Test
    void anEvaluationPastTheInjectedStepBoundFailsTheStateWithQueryEvaluationError() {
        HistoryEvent last = lastEvent(EngineLimits.AWS.withJsonata(new JsonataLimits(100, 150, 1000, 10_000)));

        assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_FAILED);
        assertThat(last.details().get("error").asText()).isEqualTo("States.QueryEvaluationError");
        assertThat(last.details().get("cause").asText()).contains("U1001: Expression evaluation timeout");
    }

    @Test
    void theDefaultBoundsLeaveOrdinaryExpressionsAlone() {
        HistoryEvent last = lastEvent(EngineLimits.AWS);

        assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(last.details().get("output").asText()).isEqualTo("50");
        assertThat(EngineLimits.AWS.jsonata()).isEqualTo(JsonataLimits.DEFAULT);
    }
}
