package io.stepwise.query.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** The bodies of the intrinsic functions; limits and rules follow the AWS intrinsic functions guide. */
final class Functions {
    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();
    /** AWS caps the string inputs of the encoding and hashing functions. */
    private static final int MAX_STRING_LENGTH = 10_000;
    private static final int MAX_RANGE_SIZE = 1000;
    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private Functions() {
    }

    // --- Generic and JSON ---

    static JsonNode format(Arguments args, EvalContext ctx) {
        String template = args.string(0);
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length() && Lexer.isEscapable(template.charAt(i + 1))) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw args.error("the format string has more placeholders than there are arguments");
                }
                out.append(FormatText.of(args.get(next++)));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw args.error("the format string has fewer placeholders than there are arguments");
        }
        return TextNode.valueOf(out.toString());
    }

    static JsonNode stringToJson(Arguments args, EvalContext ctx) {
        String text = args.string(0);
        // AWS answers null for an empty or blank string instead of failing.
        if (text.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw args.error("the string is not valid JSON: " + text);
        }
    }

    static JsonNode jsonToString(Arguments args, EvalContext ctx) {
        return TextNode.valueOf(Json.write(args.get(0)));
    }

    static JsonNode jsonMerge(Arguments args, EvalContext ctx) {
        ObjectNode left = args.object(0);
        ObjectNode right = args.object(1);
        if (args.bool(2)) {
            throw args.error("deep merge is not supported, the third argument must be false");
        }
        ObjectNode merged = left.deepCopy();
        right.fields().forEachRemaining(field -> merged.set(field.getKey(), field.getValue().deepCopy()));
        return merged;
    }

    // --- Arrays ---

    static JsonNode array(Arguments args, EvalContext ctx) {
        ArrayNode array = NODES.arrayNode(args.size());
        args.values().forEach(value -> array.add(value.deepCopy()));
        return array;
    }

    static JsonNode arrayPartition(Arguments args, EvalContext ctx) {
        ArrayNode array = args.array(0);
        int size = args.integer(1);
        if (size <= 0) {
            throw args.error("the chunk size must be greater than 0, but was " + size);
        }
        ArrayNode chunks = NODES.arrayNode();
        ArrayNode chunk = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % size == 0) {
                chunk = chunks.addArray();
            }
            chunk.add(array.get(i).deepCopy());
        }
        return chunks;
    }

    static JsonNode arrayContains(Arguments args, EvalContext ctx) {
        ArrayNode array = args.array(0);
        JsonNode wanted = args.get(1);
        for (JsonNode item : array) {
            if (JsonEquality.equal(item, wanted)) {
                return BooleanNode.TRUE;
            }
        }
        return BooleanNode.FALSE;
    }

    static JsonNode arrayRange(Arguments args, EvalContext ctx) {
        int start = args.integer(0);
        int end = args.integer(1);
        int step = args.integer(2);
        if (step == 0) {
            throw args.error("the step must not be 0");
        }
        ArrayNode range = NODES.arrayNode();
        for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
            if (range.size() == MAX_RANGE_SIZE) {
                throw args.error("the range has more than " + MAX_RANGE_SIZE + " items");
            }
            range.add(IntNode.valueOf((int) i));
        }
        return range;
    }

    static JsonNode arrayGetItem(Arguments args, EvalContext ctx) {
        ArrayNode array = args.array(0);
        int index = args.integer(1);
        if (index < 0 || index >= array.size()) {
            throw args.error("index " + index + " is out of bounds for an array of length " + array.size());
        }
        return array.get(index).deepCopy();
    }

    static JsonNode arrayLength(Arguments args, EvalContext ctx) {
        return IntNode.valueOf(args.array(0).size());
    }

    static JsonNode arrayUnique(Arguments args, EvalContext ctx) {
        ArrayNode unique = NODES.arrayNode();
        for (JsonNode item : args.array(0)) {
            if (!contains(unique, item)) {
                unique.add(item.deepCopy());
            }
        }
        return unique;
    }

    private static boolean contains(ArrayNode array, JsonNode wanted) {
        for (JsonNode item : array) {
            if (JsonEquality.equal(item, wanted)) {
                return true;
            }
        }
        return false;
    }

    // --- Encoding and hashing ---

    static JsonNode base64Encode(Arguments args, EvalContext ctx) {
        String text = limited(args, 0);
        return TextNode.valueOf(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    static JsonNode base64Decode(Arguments args, EvalContext ctx) {
        String text = limited(args, 0);
        try {
            return TextNode.valueOf(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw args.error("the string is not valid base64: " + text);
        }
    }

    static JsonNode hash(Arguments args, EvalContext ctx) {
        JsonNode data = args.get(0);
        String algorithm = args.string(1);
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw args.error("the hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was "
                    + algorithm);
        }
        String text = data.isTextual() ? data.textValue() : Json.write(data);
        if (text.length() > MAX_STRING_LENGTH) {
            throw args.error("the data to hash must not be longer than " + MAX_STRING_LENGTH + " characters");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            return TextNode.valueOf(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    private static String limited(Arguments args, int index) {
        String text = args.string(index);
        if (text.length() > MAX_STRING_LENGTH) {
            throw args.error("the string must not be longer than " + MAX_STRING_LENGTH + " characters");
        }
        return text;
    }

    // --- Math ---

    /**
     * Start (inclusive) to end (exclusive). Floats are rounded like MathAdd rounds them. With a seed the
     * sequence is {@link java.util.Random}'s, which is what AWS's seeded generators were measured to be.
     */
    static JsonNode mathRandom(Arguments args, EvalContext ctx) {
        long start = roundedInt(args, 0);
        long end = roundedInt(args, 1);
        if (end <= start) {
            throw args.error("the end (" + end + ") must be greater than the start (" + start + ")");
        }
        long bound = end - start;
        long offset = args.size() == 3
                ? new Random(args.integer(2)).nextLong(bound)
                : ctx.random().nextLong(bound);
        return IntNode.valueOf((int) (start + offset));
    }

    static JsonNode mathAdd(Arguments args, EvalContext ctx) {
        // AWS rounds each operand on its own, halves towards positive infinity (1.5 -> 2, -1.5 -> -1).
        long sum = roundedInt(args, 0) + roundedInt(args, 1);
        return sum == (int) sum ? IntNode.valueOf((int) sum) : LongNode.valueOf(sum);
    }

    private static long roundedInt(Arguments args, int index) {
        BigDecimal rounded = args.number(index).add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR);
        if (rounded.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                || rounded.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw args.error("argument " + (index + 1) + " must be between " + Integer.MIN_VALUE + " and "
                    + Integer.MAX_VALUE + ", but was " + args.get(index));
        }
        return rounded.longValue();
    }

    // --- Strings and ids ---

    /** Every character of the second argument is a delimiter; empty pieces are dropped. */
    static JsonNode stringSplit(Arguments args, EvalContext ctx) {
        String text = args.string(0);
        String delimiters = args.string(1);
        ArrayNode pieces = NODES.arrayNode();
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (delimiters.indexOf(c) >= 0) {
                addIfNotEmpty(pieces, piece);
            } else {
                piece.append(c);
            }
        }
        addIfNotEmpty(pieces, piece);
        return pieces;
    }

    private static void addIfNotEmpty(ArrayNode pieces, StringBuilder piece) {
        if (!piece.isEmpty()) {
            pieces.add(piece.toString());
            piece.setLength(0);
        }
    }

    /** A version 4 UUID drawn from the execution's generator, so replays give the same ids. */
    static JsonNode uuid(Arguments args, EvalContext ctx) {
        long high = (ctx.random().nextLong() & ~0xF000L) | 0x4000L;
        long low = (ctx.random().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return TextNode.valueOf(new UUID(high, low).toString());
    }

    /**
     * States.Format writes arguments the way AWS's Java runtime prints them: strings bare, objects as
     * {@code {key=value, ...}} and arrays as {@code [a, b]}, recursively.
     */
    private static final class FormatText {
        static String of(JsonNode value) {
            StringBuilder out = new StringBuilder();
            append(out, value);
            return out.toString();
        }

        private static void append(StringBuilder out, JsonNode value) {
            if (value.isTextual()) {
                out.append(value.textValue());
            } else if (value.isObject()) {
                out.append('{');
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    out.append(field.getKey()).append('=');
                    append(out, field.getValue());
                    if (fields.hasNext()) {
                        out.append(", ");
                    }
                }
                out.append('}');
            } else if (value.isArray()) {
                out.append('[');
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(of(item)));
                out.append(String.join(", ", items)).append(']');
            } else {
                out.append(value.asText());
            }
        }
    }
}
