package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.ChildResult;
import io.stepwise.engine.port.ItemPage;
import io.stepwise.engine.port.ItemReader;
import io.stepwise.engine.port.ItemSource;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.engine.port.ResultTarget;
import io.stepwise.engine.port.ResultWriter;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A Distributed Map's items, batches, tolerated failures and results in memory: its children run as executions of
 * their own beside it, its ItemReader and ResultWriter are small in-test implementations of the ports.
 */
class DistributedMapTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private final VirtualClock clock = new VirtualClock(T0);
    private final List<ItemSource> sources = new ArrayList<>();
    private final List<String> cursors = new ArrayList<>();

    /** Items 0 to {@code count - 1}, at most the page size asked for, never more than ReaderConfig's MaxItems. */
    private ItemReader numbers(int count) {
        return (source, cursor, maxItems) -> {
            sources.add(source);
            cursors.add(cursor);
            int from = cursor == null ? 0 : Integer.parseInt(cursor);
            int limit = Math.min(count, source.readerConfig().path("MaxItems").asInt(count));
            int to = Math.min(limit, from + maxItems);
            List<JsonNode> items = new ArrayList<>();
            for (int i = from; i < to; i++) {
                items.add(Json.MAPPER.getNodeFactory().numberNode(i));
            }
            return new ItemPage(items, to < limit ? String.valueOf(to) : null);
        };
    }

    private ExecutionStateView run(String definition, String input, MapRunIo io) {
        ExecutionStart start = new ExecutionStart("arn:aws:states:us-east-1:123456789012:execution:m:e", "e",
                "arn:aws:states:us-east-1:123456789012:stateMachine:m", "m", "arn:aws:iam::123456789012:role/r",
                "us-east-1", input, T0, 1L);
        ExecutionResult result = new InMemoryRunner(resource -> Optional.empty(), clock, io)
                .run(DefinitionParser.parse(definition), start);
        return new ExecutionStateView(result);
    }

    private record ExecutionStateView(ExecutionResult result) {
        ExecutionStatus status() {
            return result.state().status;
        }

        String output() {
            return Json.write(result.state().output);
        }

        List<String> types() {
            return result.history().stream().map(e -> e.type().wireName()).toList();
        }
    }

    private static String map(String fields, String processor) {
        return """
                {"StartAt":"M","States":{"M":{"Type":"Map",%s
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                    "StartAt":"P","States":{"P":%s}},"End":true}}}""".formatted(fields, processor);
    }

    private static final String PASS = "{\"Type\":\"Pass\",\"End\":true}";

    @Test
    void anItemBatcherGivesEachChildABatchWithItsBatchInput() {
        ExecutionStateView run = run(map("\"ItemBatcher\":{\"MaxItemsPerBatchPath\":\"$.size\","
                + "\"BatchInput\":{\"job.$\":\"$.job\"}},\"ItemsPath\":\"$.items\",", PASS),
                "{\"size\":2,\"job\":\"j\",\"items\":[1,2,3,4,5]}", MapRunIo.NONE);

        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.output()).isEqualTo("[{\"BatchInput\":{\"job\":\"j\"},\"Items\":[1,2]},"
                + "{\"BatchInput\":{\"job\":\"j\"},\"Items\":[3,4]},{\"BatchInput\":{\"job\":\"j\"},\"Items\":[5]}]");
    }

    @Test
    void maxInputBytesPerBatchClosesABatchBeforeItWouldGrowPastIt() {
        // Each item counts its JSON text and a separator: 7 bytes here, so two fit in 14 and a third does not.
        ExecutionStateView run = run(map("\"ItemBatcher\":{\"MaxInputBytesPerBatch\":14},", PASS),
                "[\"aaaa\",\"bbbb\",\"cccc\"]", MapRunIo.NONE);

        assertThat(run.output()).isEqualTo("[{\"Items\":[\"aaaa\",\"bbbb\"]},{\"Items\":[\"cccc\"]}]");
    }

    @Test
    void anItemReaderIsReadAPageAtATimeWithItsFieldsEvaluated() {
        ExecutionStateView run = run(map("\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\","
                + "\"ReaderConfig\":{\"InputType\":\"JSON\",\"MaxItemsPath\":\"$.max\"},"
                + "\"Parameters\":{\"Bucket.$\":\"$.bucket\",\"Key\":\"items.json\"}},\"MaxConcurrency\":1000,", PASS),
                "{\"bucket\":\"b\",\"max\":250}", new MapRunIo(numbers(1000), null));

        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(run.output()).size()).isEqualTo(250);
        assertThat(Json.parse(run.output()).get(249).asInt()).isEqualTo(249);
        assertThat(run.result().history().get(2).details().get("length").asInt()).as("MapStateStarted length")
                .isZero();
        assertThat(sources.get(0).resource()).isEqualTo("arn:aws:states:::s3:getObject");
        assertThat(sources.get(0).arguments()).isEqualTo(Json.parse("{\"Bucket\":\"b\",\"Key\":\"items.json\"}"));
        assertThat(Json.write(sources.get(0).readerConfig())).isEqualTo("{\"InputType\":\"JSON\",\"MaxItems\":250}");
        assertThat(cursors).containsExactly(null, "100", "200");
    }

    @Test
    void aReaderThatFailsFailsTheMapRunWithItsError() {
        ItemReader broken = (source, cursor, maxItems) -> {
            throw new MapRunIoException("States.ItemReaderFailed", "Attempting to map over non-iterable node.");
        };
        ExecutionStateView run = run(map("\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\","
                + "\"Parameters\":{\"Bucket\":\"b\",\"Key\":\"k\"}},", PASS), "{}", new MapRunIo(broken, null));

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.result().state().error).isEqualTo("States.ItemReaderFailed");
        assertThat(run.result().state().cause).isEqualTo("Attempting to map over non-iterable node.");
        assertThat(run.types()).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted",
                "MapRunStarted", "MapRunFailed", "MapStateFailed", "ExecutionFailed");
    }

    @Test
    void aResultWriterReceivesEveryChildInItemOrderAndItsAnswerIsTheResult() {
        List<ChildResult> written = new ArrayList<>();
        List<ResultTarget> targets = new ArrayList<>();
        ResultWriter writer = (ResultTarget target, String mapRunArn, Iterator<ChildResult> results) -> {
            targets.add(target);
            results.forEachRemaining(written::add);
            ObjectNode answer = Json.MAPPER.createObjectNode().put("MapRunArn", mapRunArn);
            answer.putObject("ResultWriterDetails").put("Bucket", target.arguments().get("Bucket").asText())
                    .put("Key", "out/manifest.json");
            return answer;
        };
        ExecutionStateView run = run(map("\"ResultWriter\":{\"Resource\":\"arn:aws:states:::s3:putObject\","
                + "\"Parameters\":{\"Bucket.$\":\"$.out\",\"Prefix\":\"out\"}},\"ItemsPath\":\"$.items\",", PASS),
                "{\"out\":\"results\",\"items\":[\"a\",\"b\"]}", new MapRunIo(null, writer));

        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(run.output()).path("ResultWriterDetails").path("Key").asText())
                .isEqualTo("out/manifest.json");
        assertThat(targets.get(0).arguments()).isEqualTo(Json.parse("{\"Bucket\":\"results\",\"Prefix\":\"out\"}"));
        assertThat(written).extracting(ChildResult::output).containsExactly("\"a\"", "\"b\"");
        assertThat(written).extracting(ChildResult::status).containsOnly("SUCCEEDED");
    }

    @Test
    void toleratedFailuresAreCountedAgainstThePercentageOfChildren() {
        String failOnOne = "{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$\",\"NumericEquals\":1,"
                + "\"Next\":\"F\"}],\"Default\":\"S\"},\"F\":{\"Type\":\"Fail\",\"Error\":\"E\"},"
                + "\"S\":{\"Type\":\"Succeed\"}";
        ExecutionStateView tolerated = run(map("\"ToleratedFailurePercentage\":25,", failOnOne), "[0,1,2,3]",
                MapRunIo.NONE);
        ExecutionStateView exceeded = run(map("\"ToleratedFailurePercentage\":20,", failOnOne), "[0,1,2,3]",
                MapRunIo.NONE);

        assertThat(tolerated.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tolerated.output()).isEqualTo("[0,{\"Error\":\"E\",\"Cause\":null},2,3]");
        assertThat(exceeded.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(exceeded.result().state().error).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(exceeded.types()).contains("MapRunFailed");
    }
}
