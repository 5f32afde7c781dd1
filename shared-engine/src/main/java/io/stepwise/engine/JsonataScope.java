package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.ChoiceBranch;
import io.stepwise.asl.State;
import io.stepwise.query.Json;
import io.stepwise.query.PathOrIntrinsic;
import io.stepwise.query.jsonata.JsonataBindings;

/** A JSONata state's fields see {@code $states.input} (the raw input), its context and the visible variables. */
final class JsonataScope implements FieldScope {
    private final JsonataDialect dialect;
    private final State state;
    private final JsonataBindings bindings;

    JsonataScope(JsonataDialect dialect, State state, JsonataBindings bindings) {
        this.dialect = dialect;
        this.state = state;
        this.bindings = bindings;
    }

    @Override
    public JsonNode afterInputPath() {
        return null;
    }

    @Override
    public JsonNode effectiveInput() {
        return bindings.input();
    }

    @Override
    public ObjectNode assign(JsonNode assign) {
        return dialect.assign(assign, bindings);
    }

    @Override
    public boolean matches(ChoiceBranch rule) {
        JsonNode condition = rule.condition();
        JsonNode value = dialect.evaluate(condition, bindings, "Condition");
        if (!value.isBoolean()) {
            throw dialect.unexpectedType(condition, "Condition", "boolean", value);
        }
        return value.booleanValue();
    }

    @Override
    public JsonNode output(JsonNode ruleOutput) {
        return ruleOutput != null ? dialect.evaluate(ruleOutput, bindings, "Output")
                : dialect.output(state, bindings, bindings.input());
    }

    @Override
    public String text(JsonNode value, PathOrIntrinsic path, String field) {
        if (value == null) {
            return null;
        }
        JsonNode text = dialect.evaluate(value, bindings, field);
        return text.isTextual() ? text.asText() : Json.write(text);
    }
}
