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
    private final StateRunner runner;
    private final Frame frame;
    private final State state;
    private final EvalContext raw;
    private final JsonNode effective;
    private final EvalContext ctx;

    JsonPathScope(JsonPathDialect dialect, StateRunner runner, Frame frame, State state) {
        this.dialect = dialect;
        this.runner = runner;
        this.frame = frame;
        this.state = state;
        JsonNode input = frame.branch().stateInput;
        this.raw = runner.context(frame, input);
        this.effective = DataFlow.inputPath(state.common().inputPath(), input, () -> raw);
        this.ctx = raw.withInput(effective);
    }

    @Override
    public ObjectNode assign(JsonNode assign) {
        return dialect.assign(runner, frame, assign, effective);
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
