package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.ChoiceBranch;
import io.stepwise.asl.State;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.PayloadTemplate;
import io.stepwise.query.StatesException;

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

    /**
     * Resolves ErrorPath or CausePath against the raw input. A path that selects nothing is worded as for a payload
     * template field, naming the Fail state's field (recorded: LocalStack test_base_scenarios.py::test_invalid_jsonpath
     * [INVALID_JSONPATH_IN_ERRORPATH], "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be
     * found in the input '...'").
     */
    @Override
    public String text(JsonNode value, String pathOrIntrinsic, String field) {
        if (value != null) {
            return value.asText();
        }
        if (pathOrIntrinsic == null) {
            return null;
        }
        String pathField = field + "Path";
        JsonNode selected;
        if (pathOrIntrinsic.startsWith("$")) {
            JsonPathExpression path = JsonPathExpression.compile(pathOrIntrinsic);
            try {
                selected = path.read(raw);
            } catch (JsonPathExpression.PathNotFound e) {
                throw StatesException.runtime("The JSONPath '" + path.text() + "' specified for the field '"
                        + pathField + "' could not be found in the input '" + raw.describe(path) + "'");
            }
        } else {
            ObjectNode template = Json.MAPPER.createObjectNode().put(pathField + ".$", pathOrIntrinsic);
            selected = PayloadTemplate.compile(template).evaluate(raw).get(pathField);
        }
        return selected.isTextual() ? selected.asText() : Json.write(selected);
    }
}
