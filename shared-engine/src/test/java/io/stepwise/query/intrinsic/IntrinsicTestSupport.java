package io.stepwise.query.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import java.util.Map;
import java.util.SplittableRandom;

/** Shorthands for evaluating an intrinsic against JSON written as text. */
final class IntrinsicTestSupport {
    private IntrinsicTestSupport() {
    }

    static JsonNode json(String text) {
        return Json.parse(text);
    }

    static EvalContext context(String input) {
        return new EvalContext(json(input), json("{\"Execution\":{\"Name\":\"exec-1\"}}"),
                Map.of("greeting", json("{\"text\":\"hi\"}"))::get, new SplittableRandom(42));
    }

    static JsonNode eval(String expression, String input) {
        return IntrinsicExpression.parse(expression).evaluate(context(input));
    }

    static JsonNode eval(String expression) {
        return eval(expression, "{}");
    }
}
