package io.stepwise.functions.store;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Approximately how many bytes attributes take as DynamoDB sizes items (names plus values): close enough to decide
 * whether a commit's events fit in its execution item, with room to spare.
 */
final class ItemSize {
    private ItemSize() {
    }

    static long of(Map<String, AttributeValue> attributes) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            bytes += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return bytes;
    }

    static long of(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return value.n().length();
        }
        if (value.b() != null) {
            return value.b().asByteArrayUnsafe().length;
        }
        if (value.hasM()) {
            return 3 + of(value.m());
        }
        return 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
