package io.stepwise.integrations.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.ItemPage;
import io.stepwise.engine.port.ItemSource;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.MotoClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.query.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link S3ItemReader} against moto's S3: each input type, cursors across pages, MaxItems, versions and errors. */
class S3ItemReaderTest {
    private static final String GET = "arn:aws:states:::s3:getObject";
    private static final String LIST = "arn:aws:states:::s3:listObjectsV2";

    @RegisterExtension
    final MotoClients moto = new MotoClients();
    private S3Client s3;
    private S3ItemReader reader;
    private String bucket;

    @BeforeEach
    void createBucket() {
        s3 = moto.client(AwsService.S3);
        reader = new S3ItemReader(moto.clients());
        bucket = Moto.createBucket(s3, "items-");
    }

    @Test
    void aJsonArrayIsReadAcrossPagesWhateverTheCharactersAndNesting() {
        put("a.json", "[ {\"n\": 1, \"s\": \"é, ] [\"}, [2, {\"x\": \"€\"}] ,\n\"three\", 4.0, null, {\"n\": 6} ]");
        assertThat(readAll(getObject("a.json", "{\"InputType\": \"JSON\"}"), 2)).containsExactly(
                json("{\"n\": 1, \"s\": \"é, ] [\"}"), json("[2, {\"x\": \"€\"}]"), json("\"three\""), json("4.0"),
                json("null"), json("{\"n\": 6}"));
    }

    @Test
    void itemsPointerSelectsAnArrayInsideTheObject() {
        put("nested.json", "{\"meta\": {\"products\": [0]}, \"inventory\": {\"skip\": [1, 2], "
                + "\"products\": {\"featured\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}]}}}");
        ItemSource source = getObject("nested.json",
                "{\"InputType\": \"JSON\", \"ItemsPointer\": \"/inventory/products/featured\"}");
        assertThat(readAll(source, 1)).containsExactly(json("{\"id\": \"a\"}"), json("{\"id\": \"b\"}"),
                json("{\"id\": \"c\"}"));
    }

    @Test
    void anObjectIsNotIterable() {
        put("o.json", "{\"Hello\": \"world\"}");
        assertThatThrownBy(() -> reader.read(getObject("o.json", "{\"InputType\": \"JSON\"}"), null, 10))
                .isInstanceOfSatisfying(MapRunIoException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.ItemReaderFailed");
                    assertThat(e.cause()).isEqualTo("Attempting to map over non-iterable node.");
                });
    }

    @Test
    void jsonLinesSkipBlankLinesAndCountMaxItemsAcrossPages() {
        put("l.jsonl", "{\"i\": 1}\r\n\n{\"i\": \"ü\"}\n   \n{\"i\": 3}\n{\"i\": 4}\n{\"i\": 5}");
        assertThat(readAll(getObject("l.jsonl", "{\"InputType\": \"JSONL\"}"), 2)).containsExactly(
                json("{\"i\": 1}"), json("{\"i\": \"ü\"}"), json("{\"i\": 3}"), json("{\"i\": 4}"), json("{\"i\": 5}"));
        List<ItemPage> pages = pages(getObject("l.jsonl", "{\"InputType\": \"JSONL\", \"MaxItems\": 3}"), 2);
        assertThat(pages).hasSize(2);
        assertThat(pages.get(1).items()).containsExactly(json("{\"i\": 3}"));
        assertThat(pages.get(1).nextCursor()).isNull();
    }

    @Test
    void csvQuotesEscapesDelimitersAndShortRows() {
        put("c.csv", "id|name|note\n1|\"a|b\"|\"line\nbreak\"\n2|\"say \"\"hi\"\"\"|\n3|é\n\n4|x|y|extra\n");
        ItemSource source = getObject("c.csv",
                "{\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"FIRST_ROW\", \"CSVDelimiter\": \"PIPE\"}");
        assertThat(readAll(source, 1)).containsExactly(
                json("{\"id\": \"1\", \"name\": \"a|b\", \"note\": \"line\\nbreak\"}"),
                json("{\"id\": \"2\", \"name\": \"say \\\"hi\\\"\", \"note\": \"\"}"),
                json("{\"id\": \"3\", \"name\": \"é\", \"note\": \"\"}"),
                json("{\"id\": \"4\", \"name\": \"x\", \"note\": \"y\"}"));
    }

    @Test
    void csvWithGivenHeadersAndTabs() {
        put("t.tsv", "a\tb\nc\td\n");
        ItemSource source = getObject("t.tsv", "{\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"GIVEN\", "
                + "\"CSVHeaders\": [\"X\", \"Y\"], \"CSVDelimiter\": \"TAB\"}");
        assertThat(readAll(source, 1)).containsExactly(json("{\"X\": \"a\", \"Y\": \"b\"}"),
                json("{\"X\": \"c\", \"Y\": \"d\"}"));
    }

    @Test
    void aGzipObjectIsReadAndResumed() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("{\"i\": 1}\n{\"i\": 2}\n{\"i\": 3}\n".getBytes(StandardCharsets.UTF_8));
        }
        s3.putObject(b -> b.bucket(bucket).key("l.jsonl.gz"), RequestBody.fromBytes(bytes.toByteArray()));
        assertThat(readAll(getObject("l.jsonl.gz", "{\"InputType\": \"JSONL\"}"), 2)).containsExactly(
                json("{\"i\": 1}"), json("{\"i\": 2}"), json("{\"i\": 3}"));
    }

    @Test
    void anInventoryManifestListsTheRowsOfItsGzipCsvFiles() throws IOException {
        String inventory = Moto.createBucket(s3, "inventory-");
        s3.putObject(b -> b.bucket(inventory).key("data/one.csv.gz"), RequestBody.fromBytes(gzip(
                "\"src\",\"a/1.csv\",\"10\",\"2022-11-16T00:29:32.000Z\"\n\"src\",\"a/2.csv\",\"20\",\"2022-11-16T00:29:33.000Z\"\n")));
        s3.putObject(b -> b.bucket(inventory).key("data/two.csv.gz"), RequestBody.fromBytes(gzip(
                "\"src\",\"b/3.csv\",\"30\",\"2022-11-16T00:29:34.000Z\"\n")));
        put("manifest.json", "{\"sourceBucket\": \"src\", \"destinationBucket\": \"arn:aws:s3:::" + inventory + "\", "
                + "\"version\": \"2016-11-30\", \"fileFormat\": \"CSV\", "
                + "\"fileSchema\": \"Bucket, Key, Size, LastModifiedDate\", \"files\": ["
                + "{\"key\": \"data/one.csv.gz\", \"size\": 1}, {\"key\": \"data/two.csv.gz\", \"size\": 1}]}");
        assertThat(readAll(getObject("manifest.json", "{\"InputType\": \"MANIFEST\"}"), 1)).containsExactly(
                json("{\"Bucket\": \"src\", \"Key\": \"a/1.csv\", \"Size\": \"10\", "
                        + "\"LastModifiedDate\": \"2022-11-16T00:29:32.000Z\"}"),
                json("{\"Bucket\": \"src\", \"Key\": \"a/2.csv\", \"Size\": \"20\", "
                        + "\"LastModifiedDate\": \"2022-11-16T00:29:33.000Z\"}"),
                json("{\"Bucket\": \"src\", \"Key\": \"b/3.csv\", \"Size\": \"30\", "
                        + "\"LastModifiedDate\": \"2022-11-16T00:29:34.000Z\"}"));
    }

    @Test
    void listObjectsV2GivesOneItemPerObjectUnderThePrefix() {
        for (int i = 0; i < 5; i++) {
            put("p/" + i + ".txt", "x".repeat(i));
        }
        put("other.txt", "y");
        ItemSource source = new ItemSource(LIST, Json.MAPPER.createObjectNode().put("Bucket", bucket).put("Prefix", "p/"),
                Json.MAPPER.createObjectNode(), null);
        List<JsonNode> items = readAll(source, 2);
        assertThat(items).extracting(i -> i.path("Key").asText())
                .containsExactly("p/0.txt", "p/1.txt", "p/2.txt", "p/3.txt", "p/4.txt");
        JsonNode item = items.get(3);
        assertThat(item.fieldNames()).toIterable().containsExactly("Etag", "Key", "LastModified", "Size", "StorageClass");
        assertThat(item.path("Etag").asText()).startsWith("\"").endsWith("\"");
        assertThat(item.path("LastModified").isIntegralNumber()).isTrue();
        assertThat(item.path("Size").asLong()).isEqualTo(3);
        assertThat(item.path("StorageClass").asText()).isEqualTo("STANDARD");
    }

    @Test
    void loadAndFlattenReadsTheItemsOfEveryListedObject() {
        put("logs/", "");
        put("logs/a.csv", "k,v\n1,a\n2,b\n3,c\n");
        put("logs/b.csv", "k,v\n4,d\n");
        put("logs/c.csv", "k,v\n");
        put("logs/d.csv", "k,v\n5,e\n6,f\n");
        ItemSource source = new ItemSource(LIST, Json.MAPPER.createObjectNode().put("Bucket", bucket).put("Prefix", "logs/"),
                json("{\"InputType\": \"CSV\", \"Transformation\": \"LOAD_AND_FLATTEN\"}"), null);
        for (int pageSize : new int[] {1, 2, 4, 100}) {
            assertThat(readAll(source, pageSize)).extracting(i -> i.path("k").asText() + i.path("v").asText())
                    .as("pages of %d", pageSize).containsExactly("1a", "2b", "3c", "4d", "5e", "6f");
        }
    }

    @Test
    void anAthenaManifestListsTheDataFilesToRead() {
        put("athena/one.jsonl", "{\"n\": 1}\n{\"n\": 2}\n");
        put("athena/two.jsonl", "{\"n\": 3}\n");
        put("athena/q-manifest.csv", "s3://" + bucket + "/athena/one.jsonl\ns3://" + bucket + "/athena/two.jsonl\n");
        ItemSource source = getObject("athena/q-manifest.csv",
                "{\"ManifestType\": \"ATHENA_DATA\", \"InputType\": \"JSONL\"}");
        assertThat(readAll(source, 2)).containsExactly(json("{\"n\": 1}"), json("{\"n\": 2}"), json("{\"n\": 3}"));
    }

    @Test
    void parquetIsRefusedWithAReason() {
        put("p.parquet", "PAR1");
        assertThatThrownBy(() -> reader.read(getObject("p.parquet", "{\"InputType\": \"PARQUET\"}"), null, 10))
                .isInstanceOfSatisfying(MapRunIoException.class,
                        e -> assertThat(e.cause()).isEqualTo("Unsupported InputType: PARQUET"));
    }

    @Test
    void versionIdReadsThatVersion() {
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        String first = s3.putObject(b -> b.bucket(bucket).key("v.json"), RequestBody.fromString("[1]")).versionId();
        put("v.json", "[2]");
        ObjectNode arguments = Json.MAPPER.createObjectNode().put("Bucket", bucket).put("Key", "v.json")
                .put("VersionId", first);
        assertThat(readAll(new ItemSource(GET, arguments, json("{\"InputType\": \"JSON\"}"), null), 5))
                .containsExactly(json("1"));
    }

    @Test
    void aMissingObjectFailsTheReader() {
        assertThatThrownBy(() -> reader.read(getObject("missing.json", "{\"InputType\": \"JSON\"}"), null, 10))
                .isInstanceOfSatisfying(MapRunIoException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.ItemReaderFailed");
                    assertThat(e.cause()).contains("The specified key does not exist.");
                });
    }

    @Test
    void aHundredThousandLineJsonlObjectIsReadPageByPageInBoundedMemory() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            body.append("{\"id\": ").append(i).append(", \"payload\": \"").append("p".repeat(40)).append("\"}\n");
        }
        put("big.jsonl", body.toString());
        body.setLength(0);
        ItemSource source = getObject("big.jsonl", "{\"InputType\": \"JSONL\"}");
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long baseline = runtime.totalMemory() - runtime.freeMemory();
        long peak = 0;
        long retained = 0;
        int pages = 0;
        long started = System.nanoTime();
        long count = 0;
        long expectedId = 0;
        String cursor = null;
        do {
            ItemPage page = reader.read(source, cursor, 1000);
            for (JsonNode item : page.items()) {
                assertThat(item.path("id").asLong()).isEqualTo(expectedId++);
            }
            count += page.items().size();
            cursor = page.nextCursor();
            assertThat(cursor == null || cursor.length() < 64).isTrue();
            peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
            if (++pages % 25 == 0) {
                // What stays reachable between pages must not grow with the items read so far.
                System.gc();
                retained = Math.max(retained, runtime.totalMemory() - runtime.freeMemory() - baseline);
            }
        } while (cursor != null);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(count).isEqualTo(100_000);
        assertThat(retained).isLessThan(16L << 20);
        System.out.printf("S3ItemReader: 100,000 JSONL items (6.8 MB) in 100 pages: %.2f s, %.0f items/s; heap over "
                + "the %d MiB baseline: at most %d MiB used, %d KiB retained between pages%n", seconds,
                count / seconds, baseline >> 20, (peak - baseline) >> 20, retained >> 10);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private void put(String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    private ItemSource getObject(String key, String readerConfig) {
        return new ItemSource(GET, Json.MAPPER.createObjectNode().put("Bucket", bucket).put("Key", key),
                json(readerConfig), null);
    }

    private List<ItemPage> pages(ItemSource source, int pageSize) {
        List<ItemPage> pages = new ArrayList<>();
        String cursor = null;
        do {
            ItemPage page = reader.read(source, cursor, pageSize);
            pages.add(page);
            cursor = page.nextCursor();
        } while (cursor != null);
        return pages;
    }

    private List<JsonNode> readAll(ItemSource source, int pageSize) {
        return pages(source, pageSize).stream().flatMap(p -> p.items().stream()).toList();
    }

    private static JsonNode json(String text) {
        return Json.parse(text);
    }
}
