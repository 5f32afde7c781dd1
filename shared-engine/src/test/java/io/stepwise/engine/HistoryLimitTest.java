package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryLimitTest {
    private static final String ENDLESS_LOOP = """
            {"StartAt": "Loop", "States": {
              "Loop": {"Type": "Pass", "Next": "Again"},
              "Again": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}],
                        "Default": "Loop"},
              "Done": {"Type": "Succeed"}}}
            """;

    @Test
    void theLastEventTheHistoryMayHoldIsExecutionFailedWithStatesRuntime() {
        Interpreter interpreter = new Interpreter(DefinitionParser.parse(ENDLESS_LOOP), new EngineLimits(50));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Step step = interpreter.start(new ExecutionStart("arn:aws:states:us-east-1:1:execution:m:e", "e",
                "arn:aws:states:us-east-1:1:stateMachine:m", "m", "arn:aws:iam::1:role/r", "us-east-1", "{}", now, 1));

        List<HistoryEvent> events = step.events();
        HistoryEvent last = events.get(events.size() - 1);
        assertThat(events).hasSize(50);
        assertThat(last.id()).isEqualTo(50);
        assertThat(last.previousEventId()).isEqualTo(49);
        assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_FAILED);
        assertThat(last.details().get("error").asText()).isEqualTo("States.Runtime");
        assertThat(last.details().get("cause").asText())
                .isEqualTo("The execution reached the maximum number of history events (50).");
        assertThat(step.state().status).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void awsAllowsTwentyFiveThousandEvents() {
        assertThat(EngineLimits.AWS.maxHistoryEvents()).isEqualTo(25_000);
    }
}
