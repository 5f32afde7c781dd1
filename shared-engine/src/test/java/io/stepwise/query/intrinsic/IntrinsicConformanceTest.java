package io.stepwise.query.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.PayloadTemplate;
import io.stepwise.query.StatesException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the recorded-against-AWS intrinsic cases that are a single JSONPath Pass state with only
 * {@code Parameters}: evaluates the template against the input and compares with AWS's output or error.
 */
class IntrinsicConformanceTest {
    private static final Set<String> PASS_FIELDS = Set.of("Type", "Parameters", "End", "Comment");

    @TestFactory
    Stream<DynamicTest> recordedIntrinsicCases() throws IOException {
        Path dir = casesDirectory().resolve("intrinsic_functions");
        Assumptions.assumeTrue(Files.isDirectory(dir), "conformance cases not found");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                JsonNode recorded = Json.parse(Files.readString(file));
                JsonNode state = singlePassWithParameters(recorded.get("definition"));
                if (state != null) {
                    tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(recorded, state)));
                }
            }
        }
        return tests.stream();
    }

    /** The only state, when the definition is one JSONPath Pass state with nothing but Parameters. */
    private static JsonNode singlePassWithParameters(JsonNode definition) {
        if (Json.write(definition).contains("JSONata") || definition.get("States").size() != 1) {
            return null;
        }
        JsonNode state = definition.get("States").elements().next();
        Iterator<String> names = state.fieldNames();
        while (names.hasNext()) {
            if (!PASS_FIELDS.contains(names.next())) {
                return null;
            }
        }
        return "Pass".equals(state.path("Type").asText()) && state.has("Parameters") ? state : null;
    }

    private static void check(JsonNode recorded, JsonNode state) {
        JsonNode input = recorded.get("input");
        EvalContext ctx = new EvalContext(input, contextObject(input), null, new SplittableRandom(7));
        PayloadTemplate template = PayloadTemplate.compile(state.get("Parameters"));
        JsonNode expected = recorded.get("expected");
        if ("FAILED".equals(expected.get("status").asText())) {
            assertThatThrownBy(() -> template.evaluate(ctx))
                    .isInstanceOfSatisfying(StatesException.class, e -> {
                        assertThat(e.error()).isEqualTo(expected.path("error").asText());
                        if (expected.hasNonNull("cause")) {
                            assertThat(e.cause()).isEqualTo(expected.get("cause").asText());
                        }
                    });
            return;
        }
        JsonNode actual = template.evaluate(ctx);
        JsonNode output = expected.get("output");
        if (recorded.path("comparison").has("replacedPaths")) {
            assertSameShape(actual, output, recorded.get("comparison").get("replacedPaths"));
        } else {
            assertThat(actual).isEqualTo(output);
        }
    }

    /** Fields AWS's random results were replaced in must exist; every other field must match exactly. */
    private static void assertSameShape(JsonNode actual, JsonNode expected, JsonNode replacedPaths) {
        Set<String> replacements = new HashSet<>();
        replacedPaths.forEach(p -> replacements.add(p.get("replacement").asText()));
        assertThat(actual.size()).isEqualTo(expected.size());
        expected.fields().forEachRemaining(field -> {
            JsonNode value = actual.get(field.getKey());
            assertThat(value).as(field.getKey()).isNotNull();
            if (!(field.getValue().isTextual() && replacements.contains(field.getValue().asText()))) {
                assertThat(value).isEqualTo(field.getValue());
            }
        });
    }

    /** The context object with the same stand-ins the recordings use for per-run names and ARNs. */
    private static JsonNode contextObject(JsonNode input) {
        ObjectNode context = Json.MAPPER.createObjectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>");
        execution.put("Name", "<ExecArnPart_0idx>");
        execution.set("Input", input);
        ObjectNode stateMachine = context.putObject("StateMachine");
        stateMachine.put("Id", "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>");
        stateMachine.put("Name", "<ArnPart_0idx>");
        return context;
    }

    static Path casesDirectory() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path cases = dir.resolve("shared/conformance/cases");
            if (Files.isDirectory(cases)) {
                return cases;
            }
        }
        return Path.of("shared/conformance/cases");
    }
}
