package io.stepwise.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.asl.validation.DefinitionValidator;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.query.Json;
import io.stepwise.runtime.InMemoryRunner;
import io.stepwise.runtime.VirtualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Durability of every recorded conformance case, whether or not it matches AWS: the case is run as the conformance
 * suite runs it while its triggers, instants, events and commands are recorded; the recorded triggers are then
 * applied again from the start and must give the same events and commands at every step and the same final state;
 * and again with the state written to the stored format and read back before every step, as a runner restarted
 * between any two steps would load it. Prints {@code replay: N cases replayed, M steps}.
 */
class ReplaySuite {
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger STEPS = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> recordedCases() throws IOException {
        Path directory = CasesDirectory.locate().orElse(null);
        Assumptions.assumeTrue(directory != null, "no conformance cases found (shared/conformance/cases)");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        return files.stream().map(ReplaySuite::read).filter(CaseRunner::isExecution)
                .filter(c -> DefinitionValidator.validate(Json.write(c.get("definition"))).ok())
                .map(c -> DynamicTest.dynamicTest(c.path("id").asText(), () -> replay(c)));
    }

    private static void replay(JsonNode testCase) {
        StateMachineDefinition definition = DefinitionParser.parse(Json.write(testCase.get("definition")));
        ExecutionStart start = CaseRunner.startOf(testCase, UUID.randomUUID().toString(), Instant.now());
        StepRecorder recording = new StepRecorder();
        ExecutionState end = new InMemoryRunner(resource -> Optional.empty(), new VirtualClock(start.startTime()))
                .run(new Interpreter(definition), start, event -> { }, recording);

        assertThat(Replay.difference(definition, recording, end, UnaryOperator.identity())).as("replay").isNull();
        assertThat(Replay.difference(definition, recording, end, Replay::restarted))
                .as("replay restarted before every step").isNull();
        CASES.incrementAndGet();
        STEPS.addAndGet(recording.steps.size());
    }

    @AfterAll
    static void report() {
        System.out.println("replay: " + CASES.get() + " cases replayed, " + STEPS.get()
                + " steps, each also restarted from its stored state");
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
