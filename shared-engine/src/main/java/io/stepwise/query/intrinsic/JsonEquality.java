package io.stepwise.query.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;

/** Deep JSON equality where numbers compare by value, so {@code 1} and {@code 1.0} are the same item. */
final class JsonEquality {
    private JsonEquality() {
    }

    static boolean equal(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber()
                ? x.decimalValue().compareTo(y.decimalValue())
                : (x.equals(y) ? 0 : 1), b);
    }
}
