package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.ChoiceBranch;
import io.stepwise.asl.State;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.PathOrIntrinsic;

/** A JSONPath state's fields see its effective input (InputPath applied to the raw input) as {@code $}. */
final class JsonPathScope implements FieldScope {
    private final JsonPathDialect dialect;
    private final State state;
    private final EvalContext raw;
    private final JsonNode effective;
    private final EvalContext ctx;

    JsonPathScope(JsonPathDialect dialect, State state, EvalContext raw) {
        this.dialect = dialect;
        this.state = state;
        this.raw = raw;
        this.effective = DataFlow.inputPath(state.common().inputPath(), raw.input(), () -> raw);
        this.ctx = raw.withInput(effective);
    }

    @Override
    public JsonNode afterInputPath() {
        return effective;
    }

    @Override
    public JsonNode effectiveInput() {
        return effective;
    }

    @Override
    public ObjectNode assign(JsonNode assign) {
        return dialect.assign(assign, raw, effective);
    }

    @Override
    public boolean matches(ChoiceBranch rule) {
        return rule.rule() != null && rule.rule().matches(ctx);
    }

    @Override
    public JsonNode output(JsonNode ruleOutput) {
        return DataFlow.outputPath(state.common().outputPath(), effective, () -> ctx);
    }

    /** A fixed Error or Cause as written, else the value its ErrorPath or CausePath selects from the raw input. */
    @Override
    public String text(JsonNode value, PathOrIntrinsic path, String field) {
        if (value != null) {
            return value.asText();
        }
        if (path == null) {
            return null;
        }
        JsonNode selected = path.evaluate(raw, field + "Path");
        return selected.isTextual() ? selected.asText() : Json.write(selected);
    }
}
