package io.stepwise.functions.cost;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's billing rules for on-demand tables: an item's size is its attribute names plus values; a standard
 * write costs one write request unit per started KB of the larger of the item before and after, a strongly
 * consistent read one read request unit per started 4 KB (half when eventually consistent), and a transactional
 * request twice as much. A read or write of nothing still costs the minimum unit.
 * (https://aws.amazon.com/dynamodb/pricing/on-demand/, "Key terms";
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html)
 */
final class DynamoDbUnits {
    static final int WRITE_UNIT_BYTES = 1024;
    static final int READ_UNIT_BYTES = 4096;

    private DynamoDbUnits() {
    }

    static long writeUnits(long itemBytes, boolean transactional) {
        long units = Math.max(1, ceilDiv(itemBytes, WRITE_UNIT_BYTES));
        return transactional ? 2 * units : units;
    }

    static double readUnits(long bytes, boolean consistent) {
        long units = Math.max(1, ceilDiv(bytes, READ_UNIT_BYTES));
        return consistent ? units : units / 2.0;
    }

    static long size(Map<String, AttributeValue> item) {
        if (item == null) {
            return 0;
        }
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            bytes += utf8(attribute.getKey()) + size(attribute.getValue());
        }
        return bytes;
    }

    /**
     * Numbers take about one byte per two significant digits plus one; containers three bytes plus one per
     * element, as the developer guide's "Item sizes and formats" puts it.
     */
    static long size(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return value.n().replaceAll("[^0-9]", "").length() / 2 + 1;
        }
        if (value.b() != null) {
            return value.b().asByteArrayUnsafe().length;
        }
        if (value.hasM()) {
            return 3 + value.m().size() + size(value.m());
        }
        if (value.hasL()) {
            return 3 + value.l().size() + sum(value.l());
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(DynamoDbUnits::utf8).sum();
        }
        if (value.hasNs()) {
            return value.ns().stream().mapToLong(n -> n.length() / 2 + 1).sum();
        }
        if (value.hasBs()) {
            return value.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
        }
        return 1;
    }

    private static long sum(Collection<AttributeValue> values) {
        return values.stream().mapToLong(DynamoDbUnits::size).sum();
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    static long ceilDiv(long bytes, long unit) {
        return (bytes + unit - 1) / unit;
    }
}
