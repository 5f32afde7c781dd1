package io.stepwise.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.local.LocalAccount;
import io.stepwise.query.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Local functions answer {@code lambda:invoke} and plain function ARNs as AWS Lambda answers Step Functions. */
class LocalLambdaRegistryTest {
    private static final String INVOKE = "arn:aws:states:::lambda:invoke";

    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final LocalLambdaRegistry registry = new LocalLambdaRegistry(Map.of(
            "echo", (LambdaFunction) (event, context) -> {
                context.getLogger().log("got " + event + "\n");
                return event;
            },
            "sleeper", (LambdaFunction) (event, context) -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return event;
            }), Clock.systemUTC(), new PrintStream(log, true, StandardCharsets.UTF_8));

    private TaskOutcome invoke(String resource, String input, Integer timeoutSeconds) {
        TaskRequest request = new TaskRequest("arn:aws:states:us-east-1:123456789012:execution:m:e", "S", resource,
                Json.parse(input), null, timeoutSeconds, null, null);
        return registry.find(resource).orElseThrow().invoke(request);
    }

    private JsonNode output(TaskOutcome outcome) {
        assertThat(outcome).isInstanceOf(TaskOutcome.Succeeded.class);
        return ((TaskOutcome.Succeeded) outcome).output();
    }

    @Test
    void invokeAnswersWithLambdasResponseAndItsHttpMetadata() {
        JsonNode output = output(invoke(INVOKE, "{\"FunctionName\": \"echo\", \"Payload\": {\"a\": 1}}", null));

        assertThat(Json.write(output.get("Payload"))).isEqualTo("{\"a\":1}");
        assertThat(output.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(output.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(output.has("LogResult")).isFalse();
        JsonNode metadata = output.get("SdkHttpMetadata");
        assertThat(metadata.get("HttpStatusCode").asInt()).isEqualTo(200);
        String requestId = output.get("SdkResponseMetadata").get("RequestId").asText();
        assertThat(metadata.get("AllHttpHeaders").get("x-amzn-RequestId").get(0).asText()).isEqualTo(requestId);
        assertThat(metadata.get("HttpHeaders").get("Content-Length").asText()).isEqualTo("7");
        assertThat(metadata.get("HttpHeaders").get("X-Amz-Executed-Version").asText()).isEqualTo("$LATEST");
        assertThat(Json.write(output)).startsWith("{\"ExecutedVersion\":\"$LATEST\",\"Payload\":");
    }

    @Test
    void aNullOrMissingPayloadReachesTheFunctionAsTheEmptyObject() {
        for (String input : new String[] {"{\"FunctionName\": \"echo\", \"Payload\": null}", "{\"FunctionName\": \"echo\"}"}) {
            assertThat(Json.write(output(invoke(INVOKE, input, null)).get("Payload"))).as(input).isEqualTo("{}");
        }
    }

    @Test
    void logTypeTailReturnsTheInvocationsLogInBase64() {
        JsonNode output = output(invoke(INVOKE, "{\"FunctionName\": \"echo\", \"Payload\": 1, \"LogType\": \"Tail\"}",
                null));

        String logResult = output.get("LogResult").asText();
        String text = new String(Base64.getDecoder().decode(logResult), StandardCharsets.UTF_8);
        String requestId = output.get("SdkResponseMetadata").get("RequestId").asText();
        assertThat(text).startsWith("START RequestId: " + requestId + " Version: $LATEST\n")
                .contains("got 1\n").contains("END RequestId: " + requestId + "\n").contains("REPORT RequestId: ");
        assertThat(output.get("SdkHttpMetadata").get("HttpHeaders").get("X-Amz-Log-Result").asText())
                .isEqualTo(logResult);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("got 1\n");
    }

    @Test
    void aMissingFunctionIsLambdasResourceNotFound() {
        TaskOutcome outcome = invoke(INVOKE, "{\"FunctionName\": \"nope\"}", null);

        assertThat(outcome).isInstanceOf(TaskOutcome.Failed.class);
        TaskOutcome.Failed failed = (TaskOutcome.Failed) outcome;
        assertThat(failed.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(failed.cause()).matches("Function not found: arn:aws:lambda:us-east-1:" + LocalAccount.ACCOUNT
                + ":function:nope:\\$LATEST \\(Service: AWSLambda; Status Code: 404; Error Code: "
                + "ResourceNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\\)");
    }

    @Test
    void pastTheTasksTimeoutTheAnswerIsLeftToTheTimeoutAndTheHandlerIsInterrupted() throws InterruptedException {
        long started = System.nanoTime();
        TaskOutcome viaInvoke = invoke(INVOKE, "{\"FunctionName\": \"sleeper\"}", 1);
        TaskOutcome viaArn = invoke("arn:aws:lambda:us-east-1:123456789012:function:sleeper", "{}", 1);

        assertThat(viaInvoke).isInstanceOf(TaskOutcome.Pending.class);
        assertThat(viaArn).isInstanceOf(TaskOutcome.Pending.class);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
