package io.stepwise.engine.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.util.List;

/**
 * The stored form of an {@link ExecutionState}: JSON text carrying its {@code formatVersion}, written and read by
 * one mapper for every store. A state of an older version is lifted through the {@link StateUpgrade}s in order; a
 * newer or unknown version is refused with the execution and the versions named, never read as if it were current.
 */
public final class StateFormat {
    /** What this build writes and reads. An upgrade joins the list when {@link ExecutionState#FORMAT_VERSION} rises. */
    public static final StateFormat CURRENT = new StateFormat(ExecutionState.FORMAT_VERSION, List.of(
            // 1 → 2: version 2 may keep a branch's given input text; version 1 kept none, so its branches read
            // as they did, their input text written from the value.
            state -> state,
            // 2 → 3: the input is parsed again from start.inputText, so its stored copy goes; absent fields read as
            // their defaults, so the rest reads as it was.
            state -> {
                state.remove("input");
                return state;
            },
            // 3 → 4: a version-3 branch stores its input value beside its given text; reading both sets the same
            // input, so it reads as it was.
            state -> state,
            // 4 → 5: a version-4 execution kept no stopped Map Run and no Map Run redrives; the new fields' absence
            // reads as none, so its redrive re-runs a failed Distributed Map afresh as version 4 did.
            state -> state));

    /**
     * The engine's mapper with what changes the stored text pinned: ISO-8601 dates rather than numbers, map entries
     * (retry counters) in key order so that equal states are equal text, and no unknown property skipped in silence.
     */
    private static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final int version;
    /** Element {@code i} lifts version {@code i + 1} to {@code i + 2}. */
    private final List<StateUpgrade> upgrades;

    StateFormat(int version, List<StateUpgrade> upgrades) {
        if (upgrades.size() != version - 1) {
            throw new IllegalArgumentException("format version " + version + " needs " + (version - 1)
                    + " upgrades, got " + upgrades.size());
        }
        this.version = version;
        this.upgrades = List.copyOf(upgrades);
    }

    /** The version this format writes. */
    public int version() {
        return version;
    }

    public String write(ExecutionState state) {
        if (state.formatVersion != version) {
            throw new IllegalArgumentException("a state of format version " + state.formatVersion
                    + " cannot be written as version " + version);
        }
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state of " + arnOf(state), e);
        }
    }

    /**
     * Reads a state written by any version up to this one, upgraded to this one.
     *
     * @param executionArn the execution the text belongs to, for the message when it cannot be read
     * @throws StateFormatException when the version is newer or unknown, or the text does not fit its version
     */
    public ExecutionState read(String executionArn, String text) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StateFormatException(executionArn + ": the stored state is not JSON", e);
        }
        if (tree == null || !tree.isObject() || !tree.path("formatVersion").isInt()) {
            throw new StateFormatException(executionArn + ": the stored state carries no formatVersion", null);
        }
        int stored = tree.get("formatVersion").intValue();
        if (stored > version) {
            throw new StateFormatException(executionArn + " was stored in state format version " + stored
                    + " by a newer Stepwise; this Stepwise reads versions 1 to " + version
                    + ". Run the Stepwise that wrote it, or a newer one.", null);
        }
        if (stored < 1) {
            throw new StateFormatException(executionArn + " was stored in state format version " + stored
                    + ", which no Stepwise writes; this Stepwise reads versions 1 to " + version, null);
        }
        ObjectNode state = (ObjectNode) tree;
        for (int v = stored; v < version; v++) {
            state = upgrades.get(v - 1).upgrade(state);
            state.put("formatVersion", v + 1);
        }
        try {
            return MAPPER.treeToValue(state, ExecutionState.class);
        } catch (JsonProcessingException e) {
            throw new StateFormatException(executionArn + ": the stored state of format version " + stored
                    + " does not fit version " + version + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String arnOf(ExecutionState state) {
        return state.start == null ? "an execution" : state.start.executionArn();
    }
}
