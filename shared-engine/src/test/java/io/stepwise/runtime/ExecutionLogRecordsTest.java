package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.port.LoggingConfiguration;
import io.stepwise.query.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionLogRecordsTest {
    private static final String GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/x:*";
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:m:e";

    private static HistoryEvent started(String input) {
        ObjectNode details = Json.MAPPER.createObjectNode().put("input", input).put("roleArn", "arn:aws:iam::1:role/r");
        details.putObject("inputDetails").put("truncated", false);
        return new HistoryEvent(1, 0, Instant.ofEpochMilli(1_700_000_000_123L), HistoryEventType.EXECUTION_STARTED,
                details);
    }

    @Test
    void theLevelsKeepTheEventTypesTheDeveloperGuideLists() {
        assertThat(ExecutionLogRecords.logged("FATAL", HistoryEventType.fromWireName("ExecutionFailed"))).isTrue();
        assertThat(ExecutionLogRecords.logged("FATAL", HistoryEventType.fromWireName("FailStateEntered"))).isFalse();
        assertThat(ExecutionLogRecords.logged("ERROR", HistoryEventType.fromWireName("FailStateEntered"))).isTrue();
        assertThat(ExecutionLogRecords.logged("ERROR", HistoryEventType.fromWireName("TaskStateAborted"))).isTrue();
        assertThat(ExecutionLogRecords.logged("ERROR", HistoryEventType.fromWireName("LambdaFunctionScheduleFailed"))).isTrue();
        assertThat(ExecutionLogRecords.logged("ERROR", HistoryEventType.fromWireName("TaskSucceeded"))).isFalse();
        assertThat(ExecutionLogRecords.logged("ALL", HistoryEventType.fromWireName("PassStateEntered"))).isTrue();
        assertThat(ExecutionLogRecords.logged("OFF", HistoryEventType.fromWireName("ExecutionFailed"))).isFalse();
    }

    @Test
    void aRecordWritesNumbersAsStrings() {
        JsonNode record = Json.parse(ExecutionLogRecords.of(new LoggingConfiguration("ALL", true, List.of(GROUP)),
                EXECUTION, 2, List.of(started("{\"a\":1}"))).get(0).json());

        assertThat(record.get("id").textValue()).isEqualTo("1");
        assertThat(record.get("previous_event_id").textValue()).isEqualTo("0");
        assertThat(record.get("event_timestamp").textValue()).isEqualTo("1700000000123");
        assertThat(record.get("execution_arn").textValue()).isEqualTo(EXECUTION);
        assertThat(record.get("redrive_count").textValue()).isEqualTo("2");
        assertThat(record.get("details").get("input").textValue()).isEqualTo("{\"a\":1}");
        assertThat(record.fieldNames()).toIterable().containsExactly("id", "type", "details", "previous_event_id",
                "event_timestamp", "execution_arn", "redrive_count");
    }

    @Test
    void withoutExecutionDataPayloadsAndTheirDetailsGo() {
        JsonNode record = Json.parse(ExecutionLogRecords.of(new LoggingConfiguration("ALL", false, List.of(GROUP)),
                EXECUTION, 0, List.of(started("{\"a\":1}"))).get(0).json());

        assertThat(record.get("details")).isEqualTo(Json.parse("{\"roleArn\":\"arn:aws:iam::1:role/r\"}"));
    }

    @Test
    void anOversizedPayloadIsCutAndMarkedTruncated() {
        String input = "\"" + "é\\n".repeat(200 * 1024) + "\"";
        String json = ExecutionLogRecords.of(new LoggingConfiguration("ALL", true, List.of(GROUP)), EXECUTION, 0,
                List.of(started(input))).get(0).json();

        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(
                ExecutionLogRecords.MAX_RECORD_BYTES);
        JsonNode details = Json.parse(json).get("details");
        assertThat(input).startsWith(details.get("input").textValue());
        assertThat(details.get("inputDetails").get("truncated").booleanValue()).isTrue();
    }

    @Test
    void theLogGroupNameIsTakenFromItsArn() {
        assertThat(ExecutionLogRecords.logGroupName(GROUP)).isEqualTo("/aws/vendedlogs/states/x");
    }
}
