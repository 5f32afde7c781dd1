package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.n;
import static io.stepwise.functions.store.Attributes.s;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What never changes in an execution, kept out of its item (execution layout 4, where it takes enough of the item to
 * pay for this item's write) because DynamoDB bills every write of an item on its whole size: the definition, one item per distinct text keyed by its hash ({@code def#<hash>}), and
 * the execution's start (name, ARNs, input, seed, token key, parent), one item keyed by the hash of its JSON and its
 * definition's key ({@code start#<hash>}), both in the {@code history} table under event id 0. Being named by their
 * content, they are written before the execution item that names them, a retried or racing write puts the same
 * bytes, and an item no execution names is an orphan, never wrong data. Both are immutable, so a bounded in-process
 * cache serves them without reading: with task chaining one worker makes an execution's consecutive commits.
 */
final class ExecutionStarts {
    /** What an execution item's {@code start} attribute names. */
    record Start(String key, String startJson, String definition) {
    }

    private static final int CACHED = 256;
    /**
     * The longest text (start JSON plus definition) the caches keep: with {@value #CACHED} entries a cache stays
     * within a few MB of a Lambda's memory; a longer one is read again when needed, which is rare and cheap.
     */
    private static final int CACHED_CHARS = 16_384;
    private static final String TEXT = "text";
    private static final String START = "start";
    private static final String DEFINITION = "definition";

    private final DynamoDbClient dynamo;
    private final String table;
    private final LargeText text;
    private final Map<String, Start> starts = bounded();
    /** Definitions by key; also which definition items this process knows to be stored. */
    private final Map<String, String> definitions = bounded();

    ExecutionStarts(DynamoDbClient dynamo, String table, LargeText text) {
        this.dynamo = dynamo;
        this.table = table;
        this.text = text;
    }

    /** The start item {@code startJson} and {@code definition} make, not stored yet. */
    Start prepare(String startJson, String definition) {
        String key = "start#" + hash(startJson + "\n" + "def#" + hash(definition));
        Start known = starts.get(key);
        return known != null ? known : new Start(key, startJson, definition);
    }

    /** Stores {@code start} and its definition unless this process knows they are stored. */
    void store(String executionArn, Start start) {
        String key = start.key();
        String startJson = start.startJson();
        String definition = start.definition();
        String definitionKey = "def#" + hash(definition);
        if (starts.containsKey(key)) {
            return;
        }
        if (!definitions.containsKey(definitionKey)) {
            // A read costs a fifth of a write: most executions run a definition some earlier start stored.
            Map<String, AttributeValue> stored = dynamo.getItem(b -> b.tableName(table).key(key(definitionKey))
                    .projectionExpression("id")).item();
            if (stored == null || stored.isEmpty()) {
                dynamo.putItem(b -> b.tableName(table).item(Map.of("arn", s(definitionKey), "id", n(0),
                        TEXT, text.encode(definition, "the definition of " + executionArn))));
            }
            cacheDefinition(definitionKey, definition);
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("arn", s(key));
        item.put("id", n(0));
        item.put(START, text.encode(startJson, "the start of " + executionArn));
        item.put(DEFINITION, s(definitionKey));
        dynamo.putItem(b -> b.tableName(table).item(item));
        cacheStart(start);
    }

    /** The start an execution item names, from the cache or read (consistently: it was written just before). */
    Start load(String key) {
        Start known = starts.get(key);
        if (known != null) {
            return known;
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(key))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            throw new IllegalStateException("the execution start " + key + " is missing from " + table);
        }
        String definitionKey = Attributes.string(item, DEFINITION);
        String definition = definitions.get(definitionKey);
        if (definition == null) {
            Map<String, AttributeValue> stored = dynamo.getItem(b -> b.tableName(table).key(key(definitionKey))
                    .consistentRead(true)).item();
            if (stored == null || stored.isEmpty()) {
                throw new IllegalStateException("the definition " + definitionKey + " is missing from " + table);
            }
            definition = text.decode(stored.get(TEXT));
            cacheDefinition(definitionKey, definition);
        }
        Start start = new Start(key, text.decode(item.get(START)), definition);
        cacheStart(start);
        return start;
    }

    private void cacheDefinition(String key, String definition) {
        if (definition.length() <= CACHED_CHARS) {
            definitions.put(key, definition);
        }
    }

    private void cacheStart(Start start) {
        if (start.startJson().length() + start.definition().length() <= CACHED_CHARS) {
            starts.put(start.key(), start);
        }
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of("arn", s(key), "id", n(0));
    }

    /** 128 bits of SHA-256, URL-safe base64: 22 characters in every item that names it. */
    private static String hash(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static <V> Map<String, V> bounded() {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CACHED;
            }
        });
    }
}
