package io.stepwise.api;

import static io.stepwise.api.ApiFixture.CALLBACK;
import static io.stepwise.api.ApiFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.TaskTokenLookup;
import org.junit.jupiter.api.Test;

/** SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat answering a {@code .waitForTaskToken} task. */
class CallbackApiTest {
    private static final String WAIT_FOR_TOKEN = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
             "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}""".formatted(CALLBACK);

    private final ApiFixture api = new ApiFixture();

    private String startWaiting(ApiFixture fixture) {
        String arn = fixture.start(fixture.createMachine("m", WAIT_FOR_TOKEN), "e1", "{}");
        fixture.drain();
        return arn;
    }

    @Test
    void successEndsTheTaskWithTheGivenOutput() {
        String arn = startWaiting(api);
        String token = api.callbackTokens.remove();

        assertThat(api.call("SendTaskHeartbeat", request("taskToken", token))).isEmpty();
        assertThat(api.call("SendTaskSuccess", request("taskToken", token, "output", "{\"ok\":true}"))).isEmpty();

        ObjectNode described = api.describe(arn);
        assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(described.get("output").asText()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void failureFailsTheExecutionWithTheGivenErrorAndCause() {
        String arn = startWaiting(api);

        api.call("SendTaskFailure", request("taskToken", api.callbackTokens.remove(), "error", "Nope", "cause", "why"));

        ObjectNode described = api.describe(arn);
        assertThat(described.get("status").asText()).isEqualTo("FAILED");
        assertThat(described.get("error").asText()).isEqualTo("Nope");
        assertThat(described.get("cause").asText()).isEqualTo("why");
    }

    @Test
    void aTokenWhoseTaskEndedHasTimedOutAnUnknownOneDoesNotExistAndAMalformedOneIsInvalid() {
        startWaiting(api);
        String token = api.callbackTokens.remove();
        api.call("SendTaskSuccess", request("taskToken", token, "output", "{}"));

        assertThat(api.error("SendTaskSuccess", request("taskToken", token, "output", "{}")).code())
                .isEqualTo("TaskTimedOut");
        assertThat(api.error("SendTaskHeartbeat", request("taskToken", "A".repeat(43))).code())
                .isEqualTo("TaskDoesNotExist");
        assertThat(api.error("SendTaskHeartbeat", request("taskToken", "never-issued")).code())
                .isEqualTo("InvalidToken");
        assertThat(api.error("SendTaskSuccess", request("taskToken", "x".repeat(2049), "output", "{}")).code())
                .as("the model's TaskToken shape is checked before the token").isEqualTo("ValidationException");
        assertThat(api.error("SendTaskSuccess", request("taskToken", token, "output", "{not json")).code())
                .isEqualTo("InvalidOutput");
    }

    /** A broken store is the server's failure: the caller must not be told its token is invalid or unknown. */
    @Test
    void aStoreFailureIsAnInternalFailureNeverATokenError() {
        ApiFixture broken = new ApiFixture(CallbackApiTest::failingTokenLookups, StartHook.NONE);
        startWaiting(broken);

        ApiException error = broken.error("SendTaskSuccess", request("taskToken", broken.callbackTokens.remove(),
                "output", "{}"));

        assertThat(error.code()).isEqualTo("InternalFailure");
        assertThat(error.httpStatus()).isEqualTo(500);
        assertThat(error.getMessage()).doesNotContain("disk");
    }

    private static TaskTokenLookup failingTokenLookups(TaskTokenLookup tokens) {
        return token -> {
            throw new IllegalStateException("disk I/O error");
        };
    }
}
