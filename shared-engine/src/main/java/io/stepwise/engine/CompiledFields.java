package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.ChoiceBranch;
import io.stepwise.asl.ChoiceState;
import io.stepwise.asl.FailState;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.State;
import io.stepwise.asl.TaskState;
import io.stepwise.asl.WaitState;
import io.stepwise.query.PayloadTemplate;
import io.stepwise.query.jsonata.JsonataTemplate;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The templates of one definition's fields as written — every JSONata field of its JSONata states, and the JSONPath
 * payload templates the parser keeps as written (Assign, Credentials, a Map Run's reader, batcher and writer
 * fields) — compiled once when its {@link StateProcessors} are built, so that no step compiles them. Definitions are
 * immutable, so a field's node is its key. Filled only while the registry is built and read-only after, so it needs
 * no lock. (Still compiled where used: a JSONPath Fail's ErrorPath/CausePath and a Map Run's *Path fields, read
 * once per Fail state or Map start.)
 */
final class CompiledFields {
    private static final String[] BATCH_LIMITS = {"MaxItemsPerBatch", "MaxInputBytesPerBatch"};

    private final Map<JsonNode, JsonataTemplate> jsonata = new IdentityHashMap<>();
    private final Map<JsonNode, PayloadTemplate> payload = new IdentityHashMap<>();

    /**
     * The compiled JSONata template of {@code node}. A node the registry did not compile (one whose compilation
     * failed, in a definition that skipped validation) is compiled now, so that it fails here as it would have.
     */
    JsonataTemplate jsonata(JsonNode node) {
        JsonataTemplate template = jsonata.get(node);
        return template != null ? template : JsonataTemplate.compile(node);
    }

    /** The compiled JSONPath payload template of {@code node}, as {@link #jsonata} does for JSONata. */
    PayloadTemplate payload(JsonNode node) {
        PayloadTemplate template = payload.get(node);
        return template != null ? template : PayloadTemplate.compile(node);
    }

    /** Compiles the JSONata fields of {@code state}, a JSONata state of the definition. */
    void addJsonata(State state) {
        Consumer<JsonNode> add = node -> compile(node, jsonata, JsonataTemplate::compile);
        add.accept(state.common().assign());
        add.accept(state.common().output());
        if (state instanceof TaskState task) {
            add.accept(task.arguments());
            add.accept(task.credentials());
            add.accept(task.timeoutSeconds());
            add.accept(task.heartbeatSeconds());
        } else if (state instanceof ParallelState parallel) {
            add.accept(parallel.arguments());
        } else if (state instanceof MapState map) {
            add.accept(map.items());
            add.accept(map.jsonataItemSelector());
            add.accept(map.maxConcurrency());
            addMapRunFields(map, "Arguments", add);
        } else if (state instanceof ChoiceState choice) {
            for (ChoiceBranch rule : choice.choices()) {
                add.accept(rule.condition());
                add.accept(rule.assign());
                add.accept(rule.output());
            }
        } else if (state instanceof WaitState wait) {
            add.accept(wait.seconds());
            add.accept(wait.timestamp());
        } else if (state instanceof FailState fail) {
            add.accept(fail.error());
            add.accept(fail.cause());
        }
        for (Catcher catcher : StateRunner.errorHandling(state).catchers()) {
            add.accept(catcher.assign());
            add.accept(catcher.output());
        }
    }

    /** Compiles the JSONPath payload templates {@code state}, a JSONPath state, keeps as written. */
    void addPayload(State state) {
        Consumer<JsonNode> add = node -> compile(node, payload, PayloadTemplate::compile);
        add.accept(state.common().assign());
        if (state instanceof TaskState task) {
            add.accept(task.credentials());
        } else if (state instanceof MapState map) {
            addMapRunFields(map, "Parameters", add);
        } else if (state instanceof ChoiceState choice) {
            choice.choices().forEach(rule -> add.accept(rule.assign()));
        }
        StateRunner.errorHandling(state).catchers().forEach(catcher -> add.accept(catcher.assign()));
    }

    /** What {@link MapRunInputs} evaluates: the reader's and writer's arguments, MaxItems, the batcher's fields. */
    private static void addMapRunFields(MapState map, String argumentsField, Consumer<JsonNode> add) {
        if (map.itemReader() != null) {
            add.accept(map.itemReader().get(argumentsField));
            add.accept(map.itemReader().path("ReaderConfig").get("MaxItems"));
        }
        if (map.itemBatcher() != null) {
            add.accept(map.itemBatcher().get("BatchInput"));
            for (String limit : BATCH_LIMITS) {
                add.accept(map.itemBatcher().get(limit));
            }
        }
        if (map.resultWriter() != null) {
            add.accept(map.resultWriter().get(argumentsField));
        }
    }

    /**
     * A field that does not compile is left out (see {@link #jsonata}): the validator refuses such definitions, and
     * one that skipped it fails where the field is evaluated, as before.
     */
    private static <T> void compile(JsonNode node, Map<JsonNode, T> into, Function<JsonNode, T> compiler) {
        if (node == null || into.containsKey(node)) {
            return;
        }
        try {
            into.put(node, compiler.apply(node));
        } catch (RuntimeException e) {
            // Left to fail where it is evaluated.
        }
    }
}
