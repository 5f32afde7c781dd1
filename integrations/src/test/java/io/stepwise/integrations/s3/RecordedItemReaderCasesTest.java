package io.stepwise.integrations.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.stepwise.engine.port.ItemPage;
import io.stepwise.engine.port.ItemSource;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.PayloadTemplate;
import io.stepwise.query.jsonata.JsonataBindings;
import io.stepwise.query.jsonata.JsonataTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every Distributed Map ItemReader case recorded against AWS ({@code services/s3/map} of the shared conformance
 * data): the case's S3 objects are put into moto, the ItemReader's arguments and ReaderConfig evaluated against
 * the execution input, and the items read page by page (two at a time, so every cursor is used) must be what AWS
 * gave the Map's Pass-only children — the Map's recorded output (the batches' {@code Items} when it batches) — or
 * the recorded {@code MapRunFailed} error and cause.
 */
class RecordedItemReaderCasesTest {
    private static AwsClients clients;
    private static S3Client s3;

    @BeforeAll
    static void connect() {
        clients = Moto.clients();
        s3 = clients.client(AwsService.S3, null, null);
    }

    @AfterAll
    static void close() {
        if (clients != null) {
            clients.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedCase() throws IOException {
        Optional<Path> dir = casesDirectory();
        Assumptions.assumeTrue(dir.isPresent(), "no shared conformance data (services/s3/map) beside the repository");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir.get())) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private void check(Path file) throws IOException {
        JsonNode recorded = Json.MAPPER.readTree(file.toFile());
        String bucket = Moto.createBucket(s3, "items-");
        for (JsonNode object : recorded.path("resources").path("s3Objects")) {
            s3.putObject(b -> b.bucket(bucket).key(object.path("key").asText()),
                    RequestBody.fromString(object.path("body").asText()));
        }
        JsonNode input = Json.parse(recorded.path("inputText").asText().replace("bucket-name", bucket));
        JsonNode map = mapState(recorded.path("definition"));
        boolean jsonata = "JSONata".equals(map.path("QueryLanguage").asText(
                recorded.path("definition").path("QueryLanguage").asText("JSONPath")));
        JsonNode reader = map.path("ItemReader");
        JsonNode arguments = jsonata ? jsonata(reader.path("Arguments"), input, "Arguments")
                : jsonPath(reader.path("Parameters"), input);
        JsonNode config = jsonata ? jsonata(reader.path("ReaderConfig"), input, "ReaderConfig")
                : reader.path("ReaderConfig");
        ItemSource source = new ItemSource(reader.path("Resource").asText(), arguments, config, null);

        JsonNode expected = recorded.path("expected");
        Optional<JsonNode> mapRunFailed = event(expected, "MapRunFailed");
        if (mapRunFailed.isPresent()) {
            JsonNode details = mapRunFailed.get().path("mapRunFailedEventDetails");
            MapRunIoException failure = catchThrowableOfType(MapRunIoException.class, () -> readAll(source));
            assertThat(failure).as("the read fails").isNotNull();
            assertThat(failure.error()).isEqualTo(details.path("error").asText());
            assertThat(failure.cause()).isEqualTo(details.path("cause").asText());
            return;
        }
        assertThat(expected.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(readAll(source)).isEqualTo(items(expected.path("output"), map.has("ItemBatcher")));
    }

    private static ArrayNode readAll(ItemSource source) {
        S3ItemReader reader = new S3ItemReader(clients);
        ArrayNode all = Json.MAPPER.createArrayNode();
        String cursor = null;
        do {
            ItemPage page = reader.read(source, cursor, 2);
            page.items().forEach(all::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /** The items the children got: the Map's output of Pass children, or every batch's {@code Items}. */
    private static ArrayNode items(JsonNode output, boolean batched) {
        if (!batched) {
            return (ArrayNode) output;
        }
        ArrayNode items = Json.MAPPER.createArrayNode();
        output.forEach(batch -> batch.path("Items").forEach(items::add));
        return items;
    }

    private static JsonNode mapState(JsonNode definition) {
        Iterator<Map.Entry<String, JsonNode>> states = definition.path("States").fields();
        while (states.hasNext()) {
            JsonNode state = states.next().getValue();
            if (state.has("ItemReader")) {
                return state;
            }
        }
        throw new AssertionError("no ItemReader in " + definition);
    }

    private static Optional<JsonNode> event(JsonNode expected, String type) {
        List<JsonNode> found = new ArrayList<>();
        expected.path("events").forEach(e -> {
            if (e.path("type").asText().equals(type)) {
                found.add(e);
            }
        });
        return found.stream().findFirst();
    }

    private static JsonNode jsonPath(JsonNode template, JsonNode input) {
        return PayloadTemplate.compile(template)
                .evaluate(new EvalContext(input, Json.MAPPER.createObjectNode(), null, new SplittableRandom(0)));
    }

    private static JsonNode jsonata(JsonNode template, JsonNode input, String field) {
        return JsonataTemplate.compile(template).evaluate(new JsonataBindings(input, null, null,
                Json.MAPPER.createObjectNode(), null, new SplittableRandom(0)), field);
    }

    /** {@code services/s3/map} of the shared conformance data: beside {@code -Dconformance.dir}, or found upwards. */
    static Optional<Path> casesDirectory() {
        String configured = System.getProperty("conformance.dir");
        if (configured != null && !configured.isBlank()) {
            Path beside = Path.of(configured).resolveSibling("services/s3/map");
            return Files.isDirectory(beside) ? Optional.of(beside) : Optional.empty();
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/services/s3/map");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
