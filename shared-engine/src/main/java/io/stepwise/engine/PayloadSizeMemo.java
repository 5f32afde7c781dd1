package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Loose size bounds of payload nodes already measured in one step, by identity (see {@link PayloadSize}).
 * The bounds a state derives for the containers it copies go to a few slots compared by reference: looking a
 * node up in an identity map gives it an identity hash code, which a JVM computes outside compiled code, and
 * almost every such node is new and asked about once or twice. Bounds of large containers measured in full
 * go to the map, where other states' outputs sharing them find them again.
 */
final class PayloadSizeMemo {
    private static final int RECENT = 8;
    private final JsonNode[] recentNodes = new JsonNode[RECENT];
    private final long[] recentBounds = new long[RECENT];
    private int next;
    private Map<JsonNode, Long> measured;

    /** The remembered bound of {@code node}, or -1; {@code large} allows the identity-map lookup. */
    long get(JsonNode node, boolean large) {
        for (int i = 0; i < RECENT; i++) {
            if (recentNodes[i] == node) {
                return recentBounds[i];
            }
        }
        if (large && measured != null) {
            Long known = measured.get(node);
            return known == null ? -1 : known;
        }
        return -1;
    }

    /** Remembers the bound of a container just built from another whose bound was known. */
    void putDerived(JsonNode node, long bound) {
        recentNodes[next] = node;
        recentBounds[next] = bound;
        next = (next + 1) % RECENT;
    }

    /** Remembers the bound of a large container measured in full. */
    void putMeasured(JsonNode node, long bound) {
        if (measured == null) {
            measured = new IdentityHashMap<>();
        }
        measured.put(node, bound);
    }
}
