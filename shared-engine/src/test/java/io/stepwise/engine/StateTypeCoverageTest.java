package io.stepwise.engine;

import static io.stepwise.engine.Execution.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.ChoiceState;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.FailState;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.asl.SucceedState;
import io.stepwise.asl.TaskState;
import io.stepwise.asl.WaitState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN.md: every permitted subtype of the sealed {@link State} must be handled by the interpreter. */
class StateTypeCoverageTest {

    /** One minimal state per subtype, named {@code S}; a new subtype without an entry fails the test below. */
    private static final Map<Class<?>, String> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put(PassState.class, "{\"Type\": \"Pass\", \"End\": true}");
        EXAMPLES.put(TaskState.class, "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true}");
        EXAMPLES.put(ChoiceState.class, "{\"Type\": \"Choice\", \"Choices\": [], \"Default\": \"Done\"}");
        EXAMPLES.put(WaitState.class, "{\"Type\": \"Wait\", \"Seconds\": 0, \"End\": true}");
        EXAMPLES.put(SucceedState.class, "{\"Type\": \"Succeed\"}");
        EXAMPLES.put(FailState.class, "{\"Type\": \"Fail\", \"Error\": \"E\"}");
        EXAMPLES.put(ParallelState.class, """
                {"Type": "Parallel", "End": true,
                 "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}""");
        EXAMPLES.put(MapState.class, """
                {"Type": "Map", "End": true,
                 "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}""");
    }

    @Test
    void everyPermittedSubtypeHasAnExample() {
        assertThat(State.class.getPermittedSubclasses()).isNotEmpty();
        assertThat(EXAMPLES.keySet()).containsExactlyInAnyOrder(State.class.getPermittedSubclasses());
    }

    static Stream<Class<?>> permittedSubtypes() {
        return Arrays.stream(State.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @MethodSource("permittedSubtypes")
    void everyPermittedSubtypeRunsThroughTheInterpreter(Class<?> type) {
        String definition = """
                {"StartAt": "S", "States": {"S": %s, "Done": {"Type": "Succeed"}}}""".formatted(EXAMPLES.get(type));
        State parsed = DefinitionParser.parse(definition).workflow().state("S");
        assertThat(parsed).isInstanceOf(type);

        Execution ex = Execution.of(definition).start("[1]");
        if (!ex.commands(Command.InvokeTask.class).isEmpty()) {
            ex.apply(succeeded(ex.invoke(), "{}"), 1);
        }

        assertThat(ex.historyTypes()).contains(StateEvents.entered(parsed).wireName());
        assertThat(ex.status()).isIn(ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED);
        assertThat(ex.status() == ExecutionStatus.FAILED).isEqualTo(parsed instanceof FailState);
    }
}
