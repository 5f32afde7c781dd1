package io.stepwise.integrations.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.port.ChildResult;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.engine.port.ResultTarget;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.MotoClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link S3ResultWriter} against moto's S3, reading back what it wrote. */
class S3ResultWriterTest {
    private static final String PUT = "arn:aws:states:::s3:putObject";
    private static final String MAP_RUN_ID = "ad9b5f27-090b-3ac6-9beb-243cd77144a7";
    private static final String MAP_RUN =
            "arn:aws:states:us-east-1:123456789012:mapRun:csvProcess/Map:" + MAP_RUN_ID;
    private static final String CHILD_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:csvProcess/Map";
    private static final Instant START = Instant.parse("2025-02-27T22:23:48.296Z");

    @RegisterExtension
    final MotoClients moto = new MotoClients();
    private S3Client s3;
    private String bucket;

    @BeforeEach
    void createBucket() {
        s3 = moto.client(AwsService.S3);
        bucket = Moto.createBucket(s3, "results-");
    }

    @Test
    void writesOneFilePerStatusAndAManifestUnderThePrefixAndMapRunId() {
        JsonNode result = new S3ResultWriter(moto.clients()).write(target("csvProcessJobs", null), MAP_RUN,
                List.of(succeeded(0, "{\"n\":0}"), failed(1), succeeded(2, "[1,2]"), running(3)).iterator());

        String base = "csvProcessJobs/" + MAP_RUN_ID + "/";
        assertThat(result).isEqualTo(Json.parse("{\"MapRunArn\": \"" + MAP_RUN + "\", \"ResultWriterDetails\": "
                + "{\"Bucket\": \"" + bucket + "\", \"Key\": \"" + base + "manifest.json\"}}"));
        JsonNode manifest = read(base + "manifest.json");
        assertThat(manifest.path("DestinationBucket").asText()).isEqualTo(bucket);
        assertThat(manifest.path("MapRunArn").asText()).isEqualTo(MAP_RUN);
        assertThat(manifest.path("ResultFiles").fieldNames()).toIterable()
                .containsExactly("FAILED", "PENDING", "SUCCEEDED");
        for (String status : List.of("FAILED", "PENDING", "SUCCEEDED")) {
            JsonNode files = manifest.path("ResultFiles").path(status);
            assertThat(files).hasSize(1);
            assertThat(files.get(0).path("Key").asText()).isEqualTo(base + status + "_0.json");
            assertThat(files.get(0).path("Size").asLong()).isEqualTo(text(base + status + "_0.json").length());
        }

        JsonNode succeeded = read(base + "SUCCEEDED_0.json");
        assertThat(succeeded).hasSize(2);
        JsonNode first = succeeded.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("ExecutionArn", "Input", "InputDetails", "Name",
                "Output", "OutputDetails", "RedriveCount", "RedriveStatus", "RedriveStatusReason", "StartDate",
                "StateMachineArn", "Status", "StopDate");
        assertThat(first.path("Input").asText()).isEqualTo("{\"item\":0}");
        assertThat(first.path("Output").asText()).isEqualTo("{\"n\":0}");
        assertThat(first.path("InputDetails")).isEqualTo(Json.parse("{\"Included\": true}"));
        assertThat(first.path("StartDate").asText()).isEqualTo("2025-02-27T22:23:48.296Z");
        assertThat(first.path("RedriveStatus").asText()).isEqualTo("NOT_REDRIVABLE");
        assertThat(first.path("RedriveStatusReason").asText()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");

        JsonNode failed = read(base + "FAILED_0.json").get(0);
        assertThat(failed.path("Error").asText()).isEqualTo("States.TaskFailed");
        assertThat(failed.path("Cause").asText()).isEqualTo("boom");
        assertThat(failed.has("Output")).isFalse();
        assertThat(failed.path("RedriveStatus").asText()).isEqualTo("REDRIVABLE_BY_MAP_RUN");
        assertThat(read(base + "PENDING_0.json").get(0).path("Status").asText()).isEqualTo("RUNNING");
    }

    @Test
    void compactAndFlattenWriteOutputsButFailedChildrenInFull() {
        String base = "flat/" + MAP_RUN_ID + "/";
        new S3ResultWriter(moto.clients()).write(target("flat/", "{\"Transformation\": \"FLATTEN\"}"), MAP_RUN,
                List.of(succeeded(0, "[1,2]"), succeeded(1, "{\"x\":1}"), failed(2)).iterator());
        assertThat(read(base + "SUCCEEDED_0.json")).isEqualTo(Json.parse("[1, 2, {\"x\": 1}]"));
        assertThat(read(base + "FAILED_0.json").get(0).path("Error").asText()).isEqualTo("States.TaskFailed");

        new S3ResultWriter(moto.clients()).write(target("compact", "{\"Transformation\": \"COMPACT\"}"), MAP_RUN,
                List.of(succeeded(0, "[1,2]"), succeeded(1, "{\"x\":1}")).iterator());
        assertThat(read("compact/" + MAP_RUN_ID + "/SUCCEEDED_0.json")).isEqualTo(Json.parse("[[1, 2], {\"x\": 1}]"));
    }

    @Test
    void jsonLinesWritesOneEntryALine() {
        new S3ResultWriter(moto.clients()).write(target("lines", "{\"OutputType\": \"JSONL\", \"Transformation\": \"COMPACT\"}"),
                MAP_RUN, List.of(succeeded(0, "{\"a\":1}"), succeeded(1, "2")).iterator());
        JsonNode manifest = read("lines/" + MAP_RUN_ID + "/manifest.json");
        String key = manifest.path("ResultFiles").path("SUCCEEDED").get(0).path("Key").asText();
        assertThat(key).isEqualTo("lines/" + MAP_RUN_ID + "/SUCCEEDED_0.jsonl");
        assertThat(text(key)).isEqualTo("{\"a\":1}\n2\n");
    }

    @Test
    void aStatusPastTheFileSizeContinuesInTheNextFile() {
        List<ChildResult> children = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            children.add(succeeded(i, "{\"payload\":\"" + "x".repeat(100) + "\"}"));
        }
        new S3ResultWriter(moto.clients(), 1000).write(target("split", null), MAP_RUN, children.iterator());
        JsonNode files = read("split/" + MAP_RUN_ID + "/manifest.json").path("ResultFiles").path("SUCCEEDED");
        assertThat(files.size()).isGreaterThan(1);
        int entries = 0;
        for (int i = 0; i < files.size(); i++) {
            assertThat(files.get(i).path("Key").asText()).endsWith("/SUCCEEDED_" + i + ".json");
            assertThat(files.get(i).path("Size").asLong()).isLessThanOrEqualTo(1000);
            JsonNode written = read(files.get(i).path("Key").asText());
            for (JsonNode entry : written) {
                assertThat(entry.path("Name").asText()).isEqualTo("child-" + entries++);
            }
        }
        assertThat(entries).isEqualTo(10);
    }

    @Test
    void withoutAResourceTheTransformedResultsAreTheMapsResult() {
        JsonNode result = new S3ResultWriter(moto.clients()).write(
                new ResultTarget(null, null, Json.parse("{\"Transformation\": \"FLATTEN\"}"), null), MAP_RUN,
                List.of(succeeded(0, "[1]"), succeeded(1, "[2, 3]")).iterator());
        assertThat(result).isEqualTo(Json.parse("[1, 2, 3]"));
    }

    @Test
    void aMissingBucketIsResultWriterFailed() {
        ResultTarget target = new ResultTarget(PUT, Json.MAPPER.createObjectNode().put("Bucket", bucket + "-missing")
                .put("Prefix", "p"), Json.MAPPER.createObjectNode(), null);
        assertThatThrownBy(() -> new S3ResultWriter(moto.clients()).write(target, MAP_RUN,
                List.of(succeeded(0, "1")).iterator()))
                .isInstanceOfSatisfying(MapRunIoException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.ResultWriterFailed");
                    assertThat(e.cause()).contains("The specified bucket does not exist");
                });
    }

    private ResultTarget target(String prefix, String writerConfig) {
        return new ResultTarget(PUT, Json.MAPPER.createObjectNode().put("Bucket", bucket).put("Prefix", prefix),
                writerConfig == null ? Json.MAPPER.createObjectNode() : Json.parse(writerConfig), null);
    }

    private static ChildResult succeeded(int i, String output) {
        return child(i, "SUCCEEDED", output, null, null);
    }

    private static ChildResult failed(int i) {
        return child(i, "FAILED", null, "States.TaskFailed", "boom");
    }

    private static ChildResult running(int i) {
        return new ChildResult(CHILD_MACHINE.replace("stateMachine", "execution") + ":child-" + i, "child-" + i,
                CHILD_MACHINE, "RUNNING", "{\"item\":" + i + "}", null, null, null, START, null, 0);
    }

    private static ChildResult child(int i, String status, String output, String error, String cause) {
        return new ChildResult(CHILD_MACHINE.replace("stateMachine", "execution") + ":child-" + i, "child-" + i,
                CHILD_MACHINE, status, "{\"item\":" + i + "}", output, error, cause, START, START.plusMillis(54), 0);
    }

    private String text(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    private JsonNode read(String key) {
        return Json.parse(text(key));
    }
}
