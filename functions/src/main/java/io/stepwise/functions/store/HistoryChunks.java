package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.n;
import static io.stepwise.functions.store.Attributes.s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.port.Commit;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A commit's history events as chunk items (history layout 2, TABLES.md): all the events of one commit in one item
 * keyed by the execution and the commit's first event id, as one compressed JSON array, instead of an item per
 * event. A write is billed per started KB of each item, twice inside a transaction, so five events of a Task's
 * step cost ten units as items of their own and two as one chunk whose payloads gzip dedupes.
 *
 * <p>A commit whose events exceed {@value #PIECE_BYTES} bytes of JSON keeps the first piece in its chunk and the
 * others in part items under a partition of their own, {@code <execution arn>#<nonce>}, a random nonce per commit
 * that the chunk names. The chunk is always written in the commit's last transaction, with the execution's
 * compare-and-set; parts that do not fit there go in earlier transactions. A commit that loses its compare-and-set
 * after those leaves parts that no chunk names, so readers never see them.
 */
final class HistoryChunks {
    /** JSON bytes of events per item before compression, so that even incompressible text fits in 400 KB. */
    static final int PIECE_BYTES = 300_000;
    static final String EVENTS = "events";
    static final String LAST_ID = "lastId";
    static final String PARTS = "parts";
    static final String NONCE = "nonce";

    private final String table;
    private final LargeText text;

    HistoryChunks(String table, LargeText text) {
        this.table = table;
        this.text = text;
    }

    LargeText text() {
        return text;
    }

    /** The commit's chunk first, then its parts, if any; nothing for a commit without events. */
    List<TransactWriteItem> items(Commit commit) {
        List<HistoryEvent> events = commit.events();
        if (events.isEmpty()) {
            return List.of();
        }
        List<StringBuilder> pieces = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        StringBuilder piece = null;
        for (HistoryEvent event : events) {
            String encoded = Json.write(encode(event));
            if (piece == null || piece.length() + encoded.length() > PIECE_BYTES) {
                piece = new StringBuilder("[");
                pieces.add(piece);
                ranges.add(new long[] {event.id(), event.id()});
            } else {
                piece.append(',');
            }
            piece.append(encoded);
            ranges.get(ranges.size() - 1)[1] = event.id();
        }
        String arn = commit.executionArn();
        String nonce = pieces.size() > 1 ? UUID.randomUUID().toString() : null;
        List<TransactWriteItem> items = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("arn", s(i == 0 ? arn : arn + "#" + nonce));
            item.put("id", n(ranges.get(i)[0]));
            item.put(LAST_ID, n(ranges.get(i)[1]));
            item.put(EVENTS, text.encode(pieces.get(i) + "]",
                    "history events " + ranges.get(i)[0] + "-" + ranges.get(i)[1] + " of " + arn));
            if (i == 0 && nonce != null) {
                item.put(PARTS, n(pieces.size() - 1));
                item.put(NONCE, s(nonce));
            }
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
        }
        return items;
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
        JsonNode array = Json.parse(text.decode(item.get(EVENTS)));
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
