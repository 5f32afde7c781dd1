package io.stepwise.query.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.Jsonata.JFunctionCallable;
import io.stepwise.query.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The functions Step Functions adds to JSONata ({@code $partition}, {@code $range}, {@code $hash},
 * {@code $random}, {@code $uuid}, {@code $parse}) and the one it takes away ({@code $eval}).
 *
 * <p>They are bound per evaluation rather than registered once, because {@code $random()} and
 * {@code $uuid()} draw from the execution's generator, which keeps the interpreter deterministic.
 */
final class StepFunctionsFunctions {
    static final Set<String> NAMES = Set.of("partition", "range", "hash", "random", "uuid", "parse");

    /** Same cap as {@code States.ArrayRange}. */
    static final int MAX_RANGE_SIZE = 1000;

    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
    /** Code jsonata-js uses when an argument does not match a function's signature. */
    private static final String ARGUMENT_ERROR = "T0410";
    private static final String VALUE_ERROR = "D3001";

    private StepFunctionsFunctions() {
    }

    static void bindInto(Frame frame, RandomGenerator random) {
        frame.bind("partition", function(StepFunctionsFunctions::partition));
        frame.bind("range", function(StepFunctionsFunctions::range));
        frame.bind("hash", function(StepFunctionsFunctions::hash));
        frame.bind("random", function(args -> random(args, random)));
        frame.bind("uuid", function(args -> uuid(random)));
        frame.bind("parse", function(StepFunctionsFunctions::parse));
        // Unbinding makes a call fail the way AWS reports it: T1006 "Attempted to invoke a non-function".
        frame.bind("eval", (Object) null);
    }

    private interface Body {
        Object apply(List<?> args);
    }

    private static JFunction function(Body body) {
        JFunctionCallable callable = (input, args) -> body.apply(args == null ? List.of() : args);
        return new JFunction(callable, null);
    }

    static List<List<Object>> partition(List<?> args) {
        List<?> array = arrayArgument("partition", args, 0);
        int size = integerArgument("partition", args, 1);
        if (size <= 0) {
            throw new JsonataFunctionError(VALUE_ERROR,
                    "Invalid argument for $partition: the chunk size must be greater than 0, but was " + size);
        }
        List<List<Object>> chunks = new ArrayList<>();
        for (int start = 0; start < array.size(); start += size) {
            chunks.add(new ArrayList<>(array.subList(start, Math.min(start + size, array.size()))));
        }
        return chunks;
    }

    static List<Integer> range(List<?> args) {
        int first = integerArgument("range", args, 0);
        int last = integerArgument("range", args, 1);
        int step = integerArgument("range", args, 2);
        if (step == 0) {
            throw new JsonataFunctionError(VALUE_ERROR, "Invalid argument for $range: the step must not be 0");
        }
        long count = step > 0 ? Math.max(0, ((long) last - first) / step + 1) : Math.max(0, ((long) first - last) / -step + 1);
        if (count > MAX_RANGE_SIZE) {
            throw new JsonataFunctionError(VALUE_ERROR,
                    "Invalid argument for $range: the range must not have more than " + MAX_RANGE_SIZE
                            + " elements, but would have " + count);
        }
        List<Integer> values = new ArrayList<>((int) count);
        for (long i = 0, value = first; i < count; i++, value += step) {
            values.add((int) value);
        }
        return values;
    }

    static String hash(List<?> args) {
        String value = stringArgument("hash", args, 0);
        String algorithm = stringArgument("hash", args, 1);
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw new JsonataFunctionError(VALUE_ERROR, "Invalid argument for $hash: the algorithm '" + algorithm
                    + "' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides " + algorithm, e);
        }
    }

    static Double random(List<?> args, RandomGenerator random) {
        if (args.isEmpty() || args.get(0) == null) {
            return random.nextDouble();
        }
        // AWS's seeded $random is java.util.Random: seed 42 gives 0.7275636800328681
        if (args.get(0) instanceof Number seed && Double.isFinite(seed.doubleValue())) {
            return new Random((long) Math.floor(seed.doubleValue())).nextDouble();
        }
        throw mismatch("random", 0);
    }

    static String uuid(RandomGenerator random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    static Object parse(List<?> args) {
        String text = stringArgument("parse", args, 0);
        try {
            return JsonataValues.toJsonata(Json.parse(text));
        } catch (IllegalArgumentException e) {
            throw new JsonataFunctionError(VALUE_ERROR, "Invalid argument for $parse: not a JSON text: " + text);
        }
    }

    /** JSONata treats a single value as a one-element sequence wherever an array is expected. */
    private static List<?> arrayArgument(String function, List<?> args, int index) {
        Object value = argument(function, args, index);
        return value instanceof List<?> list ? list : List.of(value);
    }

    /** Step Functions floors numeric arguments that must be integers. */
    private static int integerArgument(String function, List<?> args, int index) {
        if (argument(function, args, index) instanceof Number n && Double.isFinite(n.doubleValue())) {
            double floored = Math.floor(n.doubleValue());
            if (floored >= Integer.MIN_VALUE && floored <= Integer.MAX_VALUE) {
                return (int) floored;
            }
        }
        throw mismatch(function, index);
    }

    private static String stringArgument(String function, List<?> args, int index) {
        if (argument(function, args, index) instanceof String s) {
            return s;
        }
        throw mismatch(function, index);
    }

    private static Object argument(String function, List<?> args, int index) {
        Object value = index < args.size() ? args.get(index) : null;
        if (value == null || value == Jsonata.NULL_VALUE) {
            throw mismatch(function, index);
        }
        return value;
    }

    private static JsonataFunctionError mismatch(String function, int index) {
        return new JsonataFunctionError(ARGUMENT_ERROR,
                "Argument " + (index + 1) + " of function \"" + function + "\" does not match function signature");
    }
}
