package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.n;
import static io.stepwise.functions.store.Attributes.s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * History events as chunk items (TABLES.md): all the events of one commit in one item keyed by the execution and the
 * commit's first event id, as one compressed JSON array, instead of an item per event. A write is billed per started
 * KB of each item, so five events of a Task's step cost five units as items of their own and one as a chunk whose
 * payloads gzip dedupes.
 *
 * <p>History layout 3: a commit keeps its events in the execution item ({@link LastEvents}) and a later commit
 * writes them here, as a standard put before its compare-and-set, from the stored item (with those of the commits
 * that carried them on, {@code DynamoDbExecutionStore}), conditional on no longer chunk of the same first id. Events over {@value #INLINE_BYTES} bytes once encoded (or over one piece of {@value #PIECE_BYTES} bytes of
 * JSON) go to part items under a partition of their own, {@code <execution arn>#<nonce>}, a random nonce per commit
 * attempt, written before the compare-and-set; the execution item names them, and the chunk the next commit writes
 * holds no events of its own and names the same parts. Parts that no item or chunk names, left by a commit that
 * lost its compare-and-set, are never read. (Layout 2 wrote the chunk, its first piece in it, inside the commit's
 * transaction; those chunks read the same way.)
 */
final class HistoryChunks {
    /** JSON bytes of events per item before compression, so that even incompressible text fits in 400 KB. */
    static final int PIECE_BYTES = 300_000;
    /** Encoded bytes of a commit's events the execution item may carry beside its state. */
    static final int INLINE_BYTES = 24_000;
    static final String EVENTS = "events";
    static final String LAST_ID = "lastId";
    static final String PARTS = "parts";
    static final String NONCE = "nonce";

    /** The JSON array of some of a commit's events, and their id range. */
    record Piece(long from, long to, String json) {
    }

    private final String table;
    private final LargeText text;

    HistoryChunks(String table, LargeText text) {
        this.table = table;
        this.text = text;
    }

    LargeText text() {
        return text;
    }

    /**
     * Where a commit's events go: the returned {@link LastEvents} for its execution item, and the part items to put
     * before its compare-and-set (none when the events fit in the item); {@code null} for a commit without events.
     */
    Stored store(String arn, List<HistoryEvent> events) {
        if (events.isEmpty()) {
            return null;
        }
        List<Piece> pieces = pieces(events);
        long from = events.get(0).id();
        long to = events.get(events.size() - 1).id();
        if (pieces.size() == 1) {
            AttributeValue encoded = encode(arn, pieces.get(0));
            if (ItemSize.of(encoded) <= INLINE_BYTES) {
                return new Stored(new LastEvents(from, to, encoded, null, 0), List.of());
            }
        }
        String nonce = UUID.randomUUID().toString();
        List<PutItemRequest> parts = new ArrayList<>(pieces.size());
        for (Piece piece : pieces) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("arn", s(arn + "#" + nonce));
            item.put("id", n(piece.from()));
            item.put(LAST_ID, n(piece.to()));
            item.put(EVENTS, encode(arn, piece));
            parts.add(PutItemRequest.builder().tableName(table).item(item).build());
        }
        return new Stored(new LastEvents(from, to, null, nonce, parts.size()), parts);
    }

    /** A commit's events as its execution item holds them, and the parts to write first. */
    record Stored(LastEvents last, List<PutItemRequest> parts) {
    }

    /** The chunk of a commit whose events its execution item held, as the next commit writes it. */
    PutItemRequest chunk(String arn, LastEvents last) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("arn", s(arn));
        item.put("id", n(last.from()));
        item.put(LAST_ID, n(last.to()));
        if (last.events() != null) {
            item.put(EVENTS, last.events());
        } else {
            item.put(EVENTS, AttributeValue.fromS("[]"));
            item.put(PARTS, n(last.parts()));
            item.put(NONCE, s(last.nonce()));
        }
        // A commit may carry a version's events on into the next ones (DynamoDbExecutionStore), so chunks written
        // from different versions may share a first id: a racer from an older version must not replace a later,
        // longer chunk with its shorter one. Every chunk is a prefix of the history from its first id.
        return PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(id) OR " + LAST_ID + " <= :to")
                .expressionAttributeValues(Map.of(":to", n(last.to()))).build();
    }

    private AttributeValue encode(String arn, Piece piece) {
        return text.encode(piece.json(), "history events " + piece.from() + "-" + piece.to() + " of " + arn);
    }

    private static List<Piece> pieces(List<HistoryEvent> events) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder piece = null;
        long from = 0;
        long to = 0;
        for (HistoryEvent event : events) {
            String encoded = Json.write(encode(event));
            if (piece == null || piece.length() + encoded.length() > PIECE_BYTES) {
                if (piece != null) {
                    pieces.add(new Piece(from, to, piece.append(']').toString()));
                }
                piece = new StringBuilder("[");
                from = event.id();
            } else {
                piece.append(',');
            }
            piece.append(encoded);
            to = event.id();
        }
        pieces.add(new Piece(from, to, piece.append(']').toString()));
        return pieces;
    }

    /** Whether {@code item} is a chunk rather than an event of history layout 1. */
    static boolean isChunk(Map<String, AttributeValue> item) {
        return item.containsKey(EVENTS);
    }

    /** The partition of the parts of the chunk {@code item}, or {@code null} when it has none. */
    static String partsPartition(Map<String, AttributeValue> item) {
        AttributeValue nonce = item.get(NONCE);
        return nonce == null ? null : item.get("arn").s() + "#" + nonce.s();
    }

    /** The events of a chunk or part item, in id order. */
    List<HistoryEvent> events(Map<String, AttributeValue> item) {
        return events(item.get(EVENTS));
    }

    /** The events of an encoded JSON array of them, in id order. */
    List<HistoryEvent> events(AttributeValue encoded) {
        JsonNode array = Json.parse(text.decode(encoded));
        List<HistoryEvent> events = new ArrayList<>(array.size());
        for (JsonNode event : array) {
            JsonNode details = event.get(4);
            events.add(new HistoryEvent(event.get(0).longValue(), event.get(1).longValue(),
                    Instant.ofEpochMilli(event.get(2).longValue()), HistoryEventType.fromWireName(event.get(3)
                    .textValue()), details == null || details.isNull() ? null : (ObjectNode) details));
        }
        return events;
    }

    /** {@code [id, previousId, timestamp in ms, type, details]}, the details left out when there are none. */
    private static ArrayNode encode(HistoryEvent event) {
        ArrayNode encoded = Json.MAPPER.createArrayNode().add(event.id()).add(event.previousEventId())
                .add(event.timestamp().toEpochMilli()).add(event.type().wireName());
        ObjectNode details = event.details();
        if (details != null) {
            encoded.add(details);
        }
        return encoded;
    }
}
