package io.stepwise.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Parallel histories were reordered when recorded (conformance README, "Parallel histories"): compare the
 * events with integer ids by id, and require every branch event ({@code "id": [0]}) to exist somewhere in ours.
 */
final class ParallelHistories {
    private ParallelHistories() {
    }

    static String difference(JsonNode expected, JsonNode actual) {
        List<JsonNode> mine = new ArrayList<>();
        actual.forEach(mine::add);
        for (JsonNode event : expected) {
            if (event.get("id").isArray()) {
                if (mine.stream().noneMatch(m -> JsonMatcher.difference(withoutIds(event), withoutIds(m), "") == null)) {
                    return "no branch event like " + event;
                }
                continue;
            }
            JsonNode same = mine.stream().filter(m -> m.get("id").asLong() == event.get("id").asLong()).findFirst()
                    .orElse(null);
            String diff = JsonMatcher.difference(event, same, "events[id=" + event.get("id") + "]");
            if (diff != null) {
                return diff;
            }
        }
        return null;
    }

    private static JsonNode withoutIds(JsonNode event) {
        ObjectNode copy = event.deepCopy();
        copy.remove(List.of("id", "previousEventId", "timestamp"));
        return copy;
    }
}
