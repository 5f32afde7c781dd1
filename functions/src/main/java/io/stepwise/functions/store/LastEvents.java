package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.n;
import static io.stepwise.functions.store.Attributes.s;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The history events of an execution's last commit as its item holds them (history layout 3): in the item itself
 * ({@code events}), or, for a commit too large for that, in part items under {@code <arn>#<nonce>} that the item
 * names. The next commit copies them into a chunk of the history table before its compare-and-set, so every racer
 * writes the same bytes; the last commit's events stay in the item.
 *
 * In execution layout 4 a commit's events that fit the item share the gzip stream of its state ({@code state} holds
 * the state's JSON, a newline, and the events' JSON array): the two repeat the same payloads, which one stream stores
 * once. Such an item has {@code lastFrom} and {@code lastTo} but neither {@code lastEvents} nor {@code lastNonce};
 * {@link ExecutionItems#lastEvents} reads them back into the form a chunk takes.
 *
 * @param events the events' JSON array as {@link LargeText} stores it, or {@code null} when they are in parts or in
 *     the state's stream
 * @param nonce the partition suffix of the parts, or {@code null}
 * @param parts how many parts there are (0 when the events are in the item)
 */
record LastEvents(long from, long to, AttributeValue events, String nonce, int parts) {
    static final String EVENTS = "lastEvents";
    static final String FROM = "lastFrom";
    static final String TO = "lastTo";
    static final String NONCE = "lastNonce";
    static final String PARTS = "lastParts";
    /** Every attribute, for a projection and for the REMOVE of a commit without events. */
    static final List<String> ATTRIBUTES = List.of(EVENTS, FROM, TO, NONCE, PARTS);

    /** What {@code item} holds, or {@code null} when its last commit had no events or wrote its chunk itself. */
    static LastEvents of(Map<String, AttributeValue> item) {
        if (!item.containsKey(FROM)) {
            return null;
        }
        return new LastEvents(Attributes.number(item, FROM), Attributes.number(item, TO), item.get(EVENTS),
                Attributes.string(item, NONCE), item.containsKey(PARTS) ? (int) Attributes.number(item, PARTS) : 0);
    }

    /** The same events, written into the state's stream rather than an attribute of their own. */
    LastEvents inState() {
        return new LastEvents(from, to, null, null, 0);
    }

    /** Whether the item holds these events in its state's stream (they are to be read from there). */
    boolean isInState() {
        return events == null && nonce == null;
    }

    Map<String, AttributeValue> attributes() {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put(FROM, n(from));
        attributes.put(TO, n(to));
        if (events != null) {
            attributes.put(EVENTS, events);
        } else if (nonce != null) {
            attributes.put(NONCE, s(nonce));
            attributes.put(PARTS, n(parts));
        }
        return attributes;
    }
}
