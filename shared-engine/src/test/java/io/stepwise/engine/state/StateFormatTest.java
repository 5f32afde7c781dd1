package io.stepwise.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Interpreter;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a stored state's {@code formatVersion} is honoured: the current one read, older ones upgraded, others refused. */
class StateFormatTest {
    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:m:e1";

    private static ExecutionState waiting() {
        ExecutionStart start = new ExecutionStart(ARN, "e1", "arn:aws:states:us-east-1:123456789012:stateMachine:m",
                "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{\"a\": 1}",
                Instant.parse("2026-01-01T00:00:00Z"), 42);
        return new Interpreter(DefinitionParser.parse("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}""")).start(start).state();
    }

    private static String withVersion(String stored, int version) {
        ObjectNode tree = (ObjectNode) Json.parse(stored);
        tree.put("formatVersion", version);
        return Json.write(tree);
    }

    @Test
    void theCurrentVersionReadsBackAsItWasWritten() {
        String stored = StateFormat.CURRENT.write(waiting());

        ExecutionState read = StateFormat.CURRENT.read(ARN, stored);

        assertThat(read.formatVersion).isEqualTo(ExecutionState.FORMAT_VERSION);
        assertThat(StateFormat.CURRENT.write(read)).isEqualTo(stored);
    }

    @Test
    void aNewerVersionIsRefusedNamingTheExecutionAndBothVersions() {
        String stored = withVersion(StateFormat.CURRENT.write(waiting()), ExecutionState.FORMAT_VERSION + 1);

        assertThatThrownBy(() -> StateFormat.CURRENT.read(ARN, stored))
                .isInstanceOf(StateFormatException.class)
                .hasMessage(ARN + " was stored in state format version " + (ExecutionState.FORMAT_VERSION + 1)
                        + " by a newer Stepwise; this Stepwise reads versions 1 to " + ExecutionState.FORMAT_VERSION
                        + ". Run the Stepwise that wrote it, or a newer one.");
    }

    @Test
    void aVersionNoStepwiseWritesIsRefused() {
        String stored = withVersion(StateFormat.CURRENT.write(waiting()), 0);

        assertThatThrownBy(() -> StateFormat.CURRENT.read(ARN, stored))
                .isInstanceOf(StateFormatException.class)
                .hasMessage(ARN + " was stored in state format version 0, which no Stepwise writes; this Stepwise"
                        + " reads versions 1 to " + ExecutionState.FORMAT_VERSION);
    }

    @Test
    void aStateWithoutAVersionOrNotJsonIsRefused() {
        ObjectNode tree = (ObjectNode) Json.parse(StateFormat.CURRENT.write(waiting()));
        tree.remove("formatVersion");

        assertThatThrownBy(() -> StateFormat.CURRENT.read(ARN, Json.write(tree)))
                .isInstanceOf(StateFormatException.class)
                .hasMessage(ARN + ": the stored state carries no formatVersion");
        assertThatThrownBy(() -> StateFormat.CURRENT.read(ARN, "{\"formatVersion\": 2, "))
                .isInstanceOf(StateFormatException.class)
                .hasMessage(ARN + ": the stored state is not JSON");
    }

    @Test
    void aPropertyTheVersionDoesNotHaveIsRefusedRatherThanDropped() {
        ObjectNode tree = (ObjectNode) Json.parse(StateFormat.CURRENT.write(waiting()));
        tree.put("laterField", 1);

        assertThatThrownBy(() -> StateFormat.CURRENT.read(ARN, Json.write(tree)))
                .isInstanceOf(StateFormatException.class)
                .hasMessageStartingWith(ARN + ": the stored state of format version " + ExecutionState.FORMAT_VERSION
                        + " does not fit version " + ExecutionState.FORMAT_VERSION + ": Unrecognized field \"laterField\"");
    }

    @Test
    void anOlderVersionGoesThroughEachUpgradeInOrder() {
        List<String> applied = new ArrayList<>();
        StateFormat three = new StateFormat(3, List.of(
                state -> {
                    applied.add("1 to 2 saw " + state.get("formatVersion"));
                    state.remove("retiredField");
                    return state;
                },
                state -> {
                    applied.add("2 to 3 saw " + state.get("formatVersion"));
                    return state;
                }));
        ObjectNode v1 = (ObjectNode) Json.parse(withVersion(StateFormat.CURRENT.write(waiting()), 1));
        v1.put("retiredField", "gone in 2");

        ExecutionState read = three.read(ARN, Json.write(v1));

        assertThat(applied).containsExactly("1 to 2 saw 1", "2 to 3 saw 2");
        assertThat(read.formatVersion).isEqualTo(3);
        assertThat(Json.parse(three.write(read)).get("formatVersion").intValue()).isEqualTo(3);
    }

    @Test
    void theCurrentVersionIsReadWithoutUpgrades() {
        List<String> applied = new ArrayList<>();
        StateFormat two = new StateFormat(2, List.of(state -> {
            applied.add("1 to 2");
            return state;
        }));

        two.read(ARN, withVersion(StateFormat.CURRENT.write(waiting()), 2));

        assertThat(applied).isEmpty();
    }

    @Test
    void aStateIsWrittenOnlyInItsOwnVersion() {
        ExecutionState state = waiting();
        state.formatVersion = 1;

        assertThatThrownBy(() -> StateFormat.CURRENT.write(state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a state of format version 1 cannot be written as version " + ExecutionState.FORMAT_VERSION);
    }

    @Test
    void everyVersionBelowTheCurrentHasAnUpgrade() {
        assertThatThrownBy(() -> new StateFormat(3, List.of(state -> state)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("format version 3 needs 2 upgrades, got 1");
    }
}
