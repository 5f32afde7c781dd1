package io.stepwise.it.conformance.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.query.Json;
import org.junit.jupiter.api.Test;

/** The {@code return_decorated_input} function formats its event as Python's {@code str()} does. */
class PythonReprTest {
    private static String repr(String json) {
        return PythonRepr.of(Json.parse(json));
    }

    @Test
    void formatsJsonValuesAsPythonDoes() {
        // Recorded: services/lambda/local_mocking/test_parallel_state_lambda ("input-event-['string-literal']").
        assertThat(repr("[\"string-literal\"]")).isEqualTo("['string-literal']");
        assertThat(repr("{\"a\": 1, \"b\": [true, false, null], \"c\": 1.5, \"d\": 0.0}"))
                .isEqualTo("{'a': 1, 'b': [True, False, None], 'c': 1.5, 'd': 0.0}");
        assertThat(repr("\"it's\"")).isEqualTo("\"it's\"");
        assertThat(repr("\"say \\\"hi\\\" it's\"")).isEqualTo("'say \"hi\" it\\'s'");
        assertThat(repr("\"a\\nb\"")).isEqualTo("'a\\nb'");
        assertThat(repr("1e20")).isEqualTo("1e+20");
    }
}
