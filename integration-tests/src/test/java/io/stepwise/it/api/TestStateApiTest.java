package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.query.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** TestState through the AWS SDK against {@code stepwise serve}: answers, inspection data and rejections. */
class TestStateApiTest extends ApiServerTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/StepwiseTest";
    private static final String RETRYING_TASK = """
            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
             "Parameters":{"FunctionName":"f","Payload.$":"$"},
             "Retry":[{"ErrorEquals":["Lambda.TooManyRequestsException"],"IntervalSeconds":2,"MaxAttempts":3}],
             "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],"End":true}""";

    @Test
    void aPassStateShowsEachDataFlowStepAtDebugLevel() {
        TestStateResponse response = sfn.testState(b -> b.definition("""
                {"Type":"Pass","InputPath":"$.order","Parameters":{"total.$":"$.price"},
                 "ResultPath":"$.summary","Next":"Ship"}""")
                .input("{\"order\":{\"price\":12}}").inspectionLevel(InspectionLevel.DEBUG));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(response.nextState()).isEqualTo("Ship");
        assertThat(Json.parse(response.output())).isEqualTo(Json.parse("{\"order\":{\"price\":12},\"summary\":{\"total\":12}}"));
        assertThat(Json.parse(response.inspectionData().afterInputPath())).isEqualTo(Json.parse("{\"price\":12}"));
        assertThat(Json.parse(response.inspectionData().afterParameters())).isEqualTo(Json.parse("{\"total\":12}"));
    }

    @Test
    void aMockedTaskErrorIsRetriableUntilTheRetrierIsSpentThenCaught() {
        TestStateResponse retriable = sfn.testState(b -> b.definition(RETRYING_TASK).roleArn(ROLE)
                .inspectionLevel(InspectionLevel.TRACE)
                .mock(m -> m.errorOutput(e -> e.error("Lambda.TooManyRequestsException").cause("slow down")))
                .stateConfiguration(c -> c.retrierRetryCount(1)));
        TestStateResponse caught = sfn.testState(b -> b.definition(RETRYING_TASK).roleArn(ROLE)
                .inspectionLevel(InspectionLevel.TRACE)
                .mock(m -> m.errorOutput(e -> e.error("Lambda.TooManyRequestsException").cause("slow down")))
                .stateConfiguration(c -> c.retrierRetryCount(3)));

        assertThat(retriable.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
        assertThat(retriable.inspectionData().errorDetails().retryIndex()).isZero();
        assertThat(retriable.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(4);
        assertThat(caught.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(caught.nextState()).isEqualTo("Recover");
        assertThat(caught.inspectionData().errorDetails().catchIndex()).isZero();
        assertThat(Json.parse(caught.output())).isEqualTo(Json.parse(
                "{\"Error\":\"Lambda.TooManyRequestsException\",\"Cause\":\"slow down\"}"));
    }

    @Test
    void aTaskWithoutAMockCallsTheServersIntegration() {
        TestStateResponse response = sfn.testState(b -> b.definition("""
                {"Type":"Task","Resource":"%s","Parameters":{"echoed.$":"$.value"},"End":true}"""
                .formatted(LocalServer.ECHO_LAMBDA)).roleArn(ROLE).input("{\"value\":7}"));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(response.output())).isEqualTo(Json.parse("{\"echoed\":7}"));
    }

    @Test
    void requestsAwsRejectsAreRejectedWithItsErrors() {
        assertThatThrownBy(() -> sfn.testState(b -> b.definition(RETRYING_TASK)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("RoleArn must be specified when testing a Task state");
        assertThatThrownBy(() -> sfn.testState(b -> b.definition("{\"Type\":\"Pass\",\"End\":true}")
                .mock(m -> m.result("{}"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("State type 'Pass' is not supported when a mock is specified");
        assertThatThrownBy(() -> sfn.testState(b -> b.definition("""
                {"Type":"Parallel","End":true,"Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}""")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("TestState API does not support Map or Parallel states");
    }
}
