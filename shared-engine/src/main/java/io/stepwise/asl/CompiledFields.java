package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.PayloadTemplate;
import io.stepwise.query.jsonata.JsonataTemplate;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The compiled form of every field the model keeps as written ({@link JsonNode}): each JSONata field of a JSONata
 * state, and in a JSONPath state its Assign, Credentials and the templates and paths inside a Map Run's ItemReader,
 * ItemBatcher and ResultWriter. The {@link DefinitionParser} fills it while it parses, as it compiles the fields it
 * types (paths, payload templates, Choice rules), so no expression of a definition is compiled after parsing.
 * Definitions are immutable, so a field's node is its key; read-only once parsed, so it needs no lock.
 */
public final class CompiledFields {
    private static final String[] BATCH_LIMITS = {"MaxItemsPerBatch", "MaxInputBytesPerBatch"};

    private final Map<JsonNode, JsonataTemplate> jsonata = new IdentityHashMap<>();
    private final Map<JsonNode, PayloadTemplate> payload = new IdentityHashMap<>();
    private final Map<JsonNode, JsonPathExpression> paths = new IdentityHashMap<>();
    /** Fields that did not compile: the validator refuses them, so only a definition that skipped it has any. */
    private final Map<JsonNode, RuntimeException> failed = new IdentityHashMap<>();

    CompiledFields() {
    }

    /** The compiled JSONata template of {@code node}, a JSONata field of the definition. */
    public JsonataTemplate jsonata(JsonNode node) {
        return lookup(jsonata, node);
    }

    /** The compiled payload template of {@code node}, a JSONPath template the definition keeps as written. */
    public PayloadTemplate payload(JsonNode node) {
        return lookup(payload, node);
    }

    /** The compiled path of {@code node}, the text of a Map Run's {@code MaxItemsPath} or batcher {@code *Path}. */
    public JsonPathExpression path(JsonNode node) {
        return lookup(paths, node);
    }

    /**
     * A field whose compilation failed fails where it is evaluated, with the error its compilation raised, as it
     * would in a definition that was never validated; a field the parser never saw is a bug.
     */
    private <T> T lookup(Map<JsonNode, T> compiled, JsonNode node) {
        T value = compiled.get(node);
        if (value != null) {
            return value;
        }
        RuntimeException failure = failed.get(node);
        if (failure != null) {
            throw failure;
        }
        throw new IllegalStateException("a field not compiled with its definition: " + node);
    }

    /** Compiles what {@code state} keeps as written, in its own query language. */
    void add(State state) {
        if (state.common().isJsonata()) {
            addJsonata(state);
        } else {
            addJsonPath(state);
        }
    }

    private void addJsonata(State state) {
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
            add.accept(map.toleratedFailureCount());
            add.accept(map.toleratedFailurePercentage());
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
        for (Catcher catcher : ErrorHandling.of(state).catchers()) {
            add.accept(catcher.assign());
            add.accept(catcher.output());
        }
    }

    private void addJsonPath(State state) {
        Consumer<JsonNode> add = node -> compile(node, payload, PayloadTemplate::compile);
        add.accept(state.common().assign());
        if (state instanceof TaskState task) {
            add.accept(task.credentials());
        } else if (state instanceof MapState map) {
            addMapRunFields(map, "Parameters", add);
            Consumer<JsonNode> addPath = node -> compile(node, paths, text -> JsonPathExpression.compile(text.asText()));
            if (map.itemReader() != null) {
                addPath.accept(map.itemReader().path("ReaderConfig").get("MaxItemsPath"));
            }
            if (map.itemBatcher() != null) {
                for (String limit : BATCH_LIMITS) {
                    addPath.accept(map.itemBatcher().get(limit + "Path"));
                }
            }
        } else if (state instanceof ChoiceState choice) {
            choice.choices().forEach(rule -> add.accept(rule.assign()));
        }
        ErrorHandling.of(state).catchers().forEach(catcher -> add.accept(catcher.assign()));
    }

    /** What a Map Run's start evaluates: the reader's and writer's arguments, MaxItems, the batcher's fields. */
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

    private <T> void compile(JsonNode node, Map<JsonNode, T> into, Function<JsonNode, T> compiler) {
        if (node == null || into.containsKey(node) || failed.containsKey(node)) {
            return;
        }
        try {
            into.put(node, compiler.apply(node));
        } catch (RuntimeException e) {
            failed.put(node, e);
        }
    }
}
