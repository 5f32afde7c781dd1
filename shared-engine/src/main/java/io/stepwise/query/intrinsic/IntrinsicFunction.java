package io.stepwise.query.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.EvalContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The 18 intrinsic functions of the Amazon States Language, with the argument counts they accept. */
public enum IntrinsicFunction {
    FORMAT("States.Format", 1, Integer.MAX_VALUE, Functions::format),
    STRING_TO_JSON("States.StringToJson", 1, 1, Functions::stringToJson),
    JSON_TO_STRING("States.JsonToString", 1, 1, Functions::jsonToString),
    ARRAY("States.Array", 0, Integer.MAX_VALUE, Functions::array),
    ARRAY_PARTITION("States.ArrayPartition", 2, 2, Functions::arrayPartition),
    ARRAY_CONTAINS("States.ArrayContains", 2, 2, Functions::arrayContains),
    ARRAY_RANGE("States.ArrayRange", 3, 3, Functions::arrayRange),
    ARRAY_GET_ITEM("States.ArrayGetItem", 2, 2, Functions::arrayGetItem),
    ARRAY_LENGTH("States.ArrayLength", 1, 1, Functions::arrayLength),
    ARRAY_UNIQUE("States.ArrayUnique", 1, 1, Functions::arrayUnique),
    BASE64_ENCODE("States.Base64Encode", 1, 1, Functions::base64Encode),
    BASE64_DECODE("States.Base64Decode", 1, 1, Functions::base64Decode),
    HASH("States.Hash", 2, 2, Functions::hash),
    JSON_MERGE("States.JsonMerge", 3, 3, Functions::jsonMerge),
    MATH_RANDOM("States.MathRandom", 2, 3, Functions::mathRandom),
    MATH_ADD("States.MathAdd", 2, 2, Functions::mathAdd),
    STRING_SPLIT("States.StringSplit", 2, 2, Functions::stringSplit),
    UUID("States.UUID", 0, 0, Functions::uuid);

    private static final Map<String, IntrinsicFunction> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(IntrinsicFunction::functionName, Function.identity()));

    private final String functionName;
    private final int minArguments;
    private final int maxArguments;
    private final Body body;

    IntrinsicFunction(String functionName, int minArguments, int maxArguments, Body body) {
        this.functionName = functionName;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.body = body;
    }

    /** The name as written in ASL, e.g. {@code States.Format}. */
    public String functionName() {
        return functionName;
    }

    public static Optional<IntrinsicFunction> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public boolean acceptsArgumentCount(int count) {
        return count >= minArguments && count <= maxArguments;
    }

    String expectedArgumentCount() {
        if (minArguments == maxArguments) {
            return minArguments + (minArguments == 1 ? " argument" : " arguments");
        }
        if (maxArguments == Integer.MAX_VALUE) {
            return "at least " + minArguments + (minArguments == 1 ? " argument" : " arguments");
        }
        return minArguments + " to " + maxArguments + " arguments";
    }

    /**
     * Applies the function to evaluated arguments.
     *
     * @throws IntrinsicError when the arguments do not have the types or values the function needs
     */
    JsonNode apply(List<JsonNode> arguments, EvalContext ctx) {
        return body.apply(new Arguments(this, arguments), ctx);
    }

    @FunctionalInterface
    interface Body {
        JsonNode apply(Arguments arguments, EvalContext ctx);
    }
}
