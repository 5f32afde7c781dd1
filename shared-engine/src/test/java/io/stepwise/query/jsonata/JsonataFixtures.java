package io.stepwise.query.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
import io.stepwise.query.Variables;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shorthands for the JSONata tests. */
final class JsonataFixtures {
    private JsonataFixtures() {
    }

    static JsonataBindings bindings(String inputJson) {
        return bindings(inputJson, Map.of());
    }

    static JsonataBindings bindings(String inputJson, Map<String, String> variablesJson) {
        Variables variables = name -> variablesJson.containsKey(name) ? Json.parse(variablesJson.get(name)) : null;
        return new JsonataBindings(Json.parse(inputJson), null, null, Json.parse("{\"Execution\":{\"Name\":\"e1\"}}"),
                variables, new SplittableRandom(7));
    }

    static JsonNode eval(String expression) {
        return eval(expression, bindings("{}"));
    }

    static JsonNode eval(String expression, JsonataBindings bindings) {
        return JsonataExpression.compile(expression).evaluate(bindings, "Output");
    }

    /** Asserts a {@code States.QueryEvaluationError} with exactly {@code cause}. */
    static void assertFailsWith(ThrowingCallable call, String cause) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatesException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.error()).isEqualTo(StatesErrors.QUERY_EVALUATION_ERROR);
            org.assertj.core.api.Assertions.assertThat(e.stateScoped()).isTrue();
            org.assertj.core.api.Assertions.assertThat(e.cause()).isEqualTo(cause);
        });
    }

    static String json(JsonNode node) {
        return Json.write(node);
    }
}
