package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.local.server.ServeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** {@code stepwise serve --mock-config}: AWS Step Functions Local's mocked responses, picked by {@code arn#TestCase}. */
class MockConfigApiTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/stepwise";
    private static final String DEFINITION = """
            {"StartAt":"Charge","States":{"Charge":{"Type":"Task",
              "Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge",
              "Retry":[{"ErrorEquals":["Lambda.TooManyRequestsException"],"IntervalSeconds":1,"MaxAttempts":3}],
              "End":true}}}""";
    private static final String MOCKS = """
            {"StateMachines": {"orders": {"TestCases": {
               "RetryPath": {"Charge": "ThrottledTwice"},
               "Exhausted": {"Charge": "ThrottledOnce"}}}},
             "MockedResponses": {
               "ThrottledTwice": {
                 "0-1": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
                 "2": {"Return": {"charged": 42}}},
               "ThrottledOnce": {
                 "0": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}}}}}""";

    @TempDir
    Path dir;
    private LocalServer server;
    private SfnClient sfn;
    private String machine;

    @BeforeEach
    void start() throws Exception {
        Path mocks = Files.writeString(dir.resolve("mocks.json"), MOCKS);
        server = new LocalServer(ServeOptions.defaults().withPort(0).withInMemory(true).withVirtualTime(true)
                .withMockConfig(mocks));
        sfn = server.sfn;
        machine = sfn.createStateMachine(b -> b.name("orders").definition(DEFINITION).roleArn(ROLE)).stateMachineArn();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aMockedTaskIsRetriedOnMockedThrowsThenSucceeds() throws Exception {
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine + "#RetryPath")).executionArn();

        DescribeExecutionResponse done = Await.end(sfn, execution);

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"charged\":42}");
        assertThat(done.stateMachineArn()).isEqualTo(machine);
        List<HistoryEventType> types = sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
                .map(e -> e.type()).toList();
        assertThat(types).filteredOn(HistoryEventType.LAMBDA_FUNCTION_FAILED::equals).hasSize(2);
        assertThat(types).filteredOn(HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED::equals).hasSize(1);
    }

    @Test
    void anAttemptWithoutAMockedEntryFailsWithStatesRuntime() throws Exception {
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine + "#Exhausted")).executionArn();

        DescribeExecutionResponse done = Await.end(sfn, execution);

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Runtime");
    }

    @Test
    void withoutATestCaseTheRealIntegrationRuns() throws Exception {
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();

        assertThat(Await.end(sfn, execution).error()).isEqualTo("Lambda.ResourceNotFoundException");
    }

    @Test
    void anUnknownTestCaseIsRefused() {
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine + "#NoSuchCase")))
                .isInstanceOf(SfnException.class)
                .hasMessageContaining("Test case 'NoSuchCase' is not defined");
    }
}
