package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.InvalidLoggingConfigurationException;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.LoggingConfiguration;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * Logging and tracing configurations are kept, checked and honoured: execution history goes, filtered by level, to
 * a JSON-lines file per log group under the data directory, in the shape AWS sends to CloudWatch Logs.
 */
class ExecutionLogsApiTest extends ApiServerTest {
    private static final String GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/demo:*";
    private static final String FAILING = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"secret":1},"Next":"F"},
             "F":{"Type":"Fail","Error":"Broken","Cause":"on purpose"}}}""";

    private static LoggingConfiguration logging(LogLevel level, boolean includeData) {
        return LoggingConfiguration.builder().level(level).includeExecutionData(includeData)
                .destinations(d -> d.cloudWatchLogsLogGroup(g -> g.logGroupArn(GROUP))).build();
    }

    private List<JsonNode> records() throws IOException {
        Path file = dataDir.resolve("logs").resolve("%2Faws%2Fvendedlogs%2Fstates%2Fdemo.jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(Json::parse).toList();
    }

    private List<JsonNode> run(LogLevel level, boolean includeData) throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("logged").definition(FAILING).roleArn(ROLE)
                .loggingConfiguration(logging(level, includeData))).stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"in\":true}")).executionArn();
        Await.end(sfn, execution);
        return records();
    }

    @Test
    void allLogsEveryEventInAwssShapeWithPayloads() throws Exception {
        List<JsonNode> records = run(LogLevel.ALL, true);

        assertThat(records).extracting(r -> r.path("type").asText()).containsExactly("ExecutionStarted",
                "PassStateEntered", "PassStateExited", "FailStateEntered", "ExecutionFailed");
        JsonNode started = records.get(0);
        assertThat(started.fieldNames()).toIterable().containsExactly("id", "type", "details",
                "previous_event_id", "event_timestamp", "execution_arn", "redrive_count");
        assertThat(started.path("redrive_count").asText()).isEqualTo("0");
        assertThat(started.path("details").path("inputDetails")).isEqualTo(Json.parse("{\"truncated\":false}"));
        assertThat(started.path("id").asText()).isEqualTo("1");
        assertThat(started.path("id").isTextual()).as("AWS writes numbers as strings").isTrue();
        assertThat(started.path("previous_event_id").asText()).isEqualTo("0");
        assertThat(started.path("event_timestamp").asText()).matches("\\d{13}");
        assertThat(started.path("execution_arn").asText()).contains(":execution:logged:");
        assertThat(started.path("details").path("input").asText()).isEqualTo("{\"in\":true}");
        assertThat(started.path("details").path("roleArn").asText()).isEqualTo(ROLE);
        assertThat(records.get(2).path("details").path("output").asText()).contains("secret");
        assertThat(records.get(4).path("details").path("error").asText()).isEqualTo("Broken");
    }

    @Test
    void withoutExecutionDataNoPayloadIsLogged() throws Exception {
        List<JsonNode> records = run(LogLevel.ALL, false);

        assertThat(records).hasSize(5).allSatisfy(r -> assertThat(r.path("details").has("input")
                || r.path("details").has("output")).isFalse());
        // As AWS's records show: without execution data, payloads and their *Details go, the rest stays.
        assertThat(records.get(0).path("details")).isEqualTo(Json.parse("{\"roleArn\":\"" + ROLE + "\"}"));
        assertThat(records.get(1).path("details")).isEqualTo(Json.parse("{\"name\":\"P\"}"));
        assertThat(records.get(2).path("details")).isEqualTo(Json.parse("{\"name\":\"P\"}"));
        assertThat(records.get(4).path("details"))
                .isEqualTo(Json.parse("{\"error\":\"Broken\",\"cause\":\"on purpose\"}"));
    }

    @Test
    void errorLogsFailuresOnly() throws Exception {
        assertThat(run(LogLevel.ERROR, false)).extracting(r -> r.path("type").asText())
                .containsExactly("FailStateEntered", "ExecutionFailed");
    }

    @Test
    void fatalLogsOnlyTheExecutionsFailure() throws Exception {
        assertThat(run(LogLevel.FATAL, false)).extracting(r -> r.path("type").asText())
                .containsExactly("ExecutionFailed");
    }

    @Test
    void recordsAfterARedriveNameItsCount() throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("redriven").definition(FAILING).roleArn(ROLE)
                .loggingConfiguration(logging(LogLevel.ERROR, false))).stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        Await.end(sfn, execution);
        sfn.redriveExecution(b -> b.executionArn(execution));
        Await.end(sfn, execution);

        assertThat(records()).extracting(r -> r.path("type").asText() + "@" + r.path("redrive_count").asText())
                .containsExactly("FailStateEntered@0", "ExecutionFailed@0", "FailStateEntered@1", "ExecutionFailed@1");
    }

    @Test
    void offLogsNothing() throws Exception {
        assertThat(run(LogLevel.OFF, true)).isEmpty();
    }

    @Test
    void expressExecutionsAreLoggedToo() throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("fast").definition(FAILING).roleArn(ROLE)
                .type(StateMachineType.EXPRESS).loggingConfiguration(logging(LogLevel.FATAL, true))).stateMachineArn();
        sfn.startSyncExecution(b -> b.stateMachineArn(machine));

        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.path("type").asText()).isEqualTo("ExecutionFailed");
            assertThat(r.path("execution_arn").asText()).contains(":express:fast:");
        });
    }

    @Test
    void configurationsAreKeptUpdatedAndDescribed() {
        String machine = sfn.createStateMachine(b -> b.name("configured").definition(FAILING).roleArn(ROLE)
                .loggingConfiguration(logging(LogLevel.ERROR, true)).tracingConfiguration(t -> t.enabled(true)))
                .stateMachineArn();
        DescribeStateMachineResponse described = sfn.describeStateMachine(b -> b.stateMachineArn(machine));
        assertThat(described.loggingConfiguration()).isEqualTo(logging(LogLevel.ERROR, true));
        assertThat(described.tracingConfiguration().enabled()).isTrue();

        sfn.updateStateMachine(b -> b.stateMachineArn(machine).loggingConfiguration(l -> l.level(LogLevel.OFF)));
        described = sfn.describeStateMachine(b -> b.stateMachineArn(machine));
        assertThat(described.loggingConfiguration().level()).isEqualTo(LogLevel.OFF);
        assertThat(described.loggingConfiguration().destinations()).isEmpty();
        assertThat(described.tracingConfiguration().enabled()).as("an update that names no tracing keeps it").isTrue();
    }

    @Test
    void invalidConfigurationsAreRefusedAsAwsRefusesThem() {
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("m").definition(FAILING).roleArn(ROLE)
                .loggingConfiguration(l -> l.level(LogLevel.ALL))))
                .isInstanceOf(InvalidLoggingConfigurationException.class);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("m").definition(FAILING).roleArn(ROLE)
                .loggingConfiguration(l -> l.level(LogLevel.ALL).destinations(d -> d.cloudWatchLogsLogGroup(g ->
                        g.logGroupArn("arn:aws:logs:us-east-1:123456789012:log-group:no-star"))))))
                .isInstanceOf(InvalidLoggingConfigurationException.class);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("m").definition(FAILING).roleArn(ROLE)
                .loggingConfiguration(l -> l.level("LOUD"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at 'loggingConfiguration.level' failed to satisfy constraint: Member must"
                        + " satisfy enum value set: [ALL, ERROR, FATAL, OFF]");
    }
}
