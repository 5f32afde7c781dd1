package io.stepwise.functions.store;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Approximately how many bytes a transaction item counts against DynamoDB's 4 MB per {@code TransactWriteItems}:
 * attribute names plus values, as DynamoDB sizes items. Close enough to split commits with room to spare.
 */
final class ItemSize {
    private ItemSize() {
    }

    static long of(TransactWriteItem item) {
        if (item.put() != null) {
            return of(item.put().item());
        }
        if (item.update() != null) {
            long values = item.update().hasExpressionAttributeValues()
                    ? of(item.update().expressionAttributeValues()) : 0;
            return of(item.update().key()) + values;
        }
        if (item.delete() != null) {
            return of(item.delete().key());
        }
        return of(item.conditionCheck().key());
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
