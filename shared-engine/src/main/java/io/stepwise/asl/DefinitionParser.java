package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.choice.ChoiceRuleParser;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.PathOrIntrinsic;
import io.stepwise.query.PayloadTemplate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the immutable model from a definition. It expects a definition the validator accepted and compiles
 * every path, template and expression once, here — the typed fields into the model, the fields the model keeps as
 * written into the definition's {@link CompiledFields} — so that running a state never parses text again.
 */
public final class DefinitionParser {

    private DefinitionParser() {
    }

    public static StateMachineDefinition parse(String definitionText) {
        return parse(Json.parse(definitionText));
    }

    public static StateMachineDefinition parse(JsonNode root) {
        QueryLanguage language = root.hasNonNull("QueryLanguage")
                ? QueryLanguage.parse(root.get("QueryLanguage").asText())
                : QueryLanguage.JSONPATH;
        CompiledFields fields = new CompiledFields();
        Workflow workflow = workflow(root, language, fields);
        Integer timeout = root.hasNonNull("TimeoutSeconds") ? root.get("TimeoutSeconds").asInt() : null;
        return new StateMachineDefinition(workflow, language, text(root, "Comment"), text(root, "Version"), timeout, root,
                fields);
    }

    private static Workflow workflow(JsonNode node, QueryLanguage inherited, CompiledFields fields) {
        Map<String, State> states = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.get("States").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            State state = state(entry.getKey(), entry.getValue(), inherited, fields);
            fields.add(state);
            states.put(entry.getKey(), state);
        }
        return new Workflow(node.get("StartAt").asText(), states);
    }

    private static State state(String name, JsonNode node, QueryLanguage inherited, CompiledFields fields) {
        String type = node.get("Type").asText();
        QueryLanguage language = node.hasNonNull("QueryLanguage")
                ? QueryLanguage.parse(node.get("QueryLanguage").asText())
                : inherited;
        StateCommon common = new StateCommon(
                name, type, language, text(node, "Next"), node.path("End").asBoolean(false),
                dataPath(node, "InputPath"), dataPath(node, "OutputPath"), node.get("Assign"), node.get("Output"));
        return switch (type) {
            case "Pass" -> new PassState(common, node.get("Result"), template(node, "Parameters"),
                    dataPath(node, "ResultPath"));
            case "Succeed" -> new SucceedState(common);
            case "Fail" -> new FailState(common, node.get("Error"), node.get("Cause"), pathOrIntrinsic(node, "ErrorPath"),
                    pathOrIntrinsic(node, "CausePath"));
            case "Wait" -> new WaitState(common, node.get("Seconds"), node.get("Timestamp"), path(node, "SecondsPath"),
                    path(node, "TimestampPath"));
            case "Choice" -> choice(common, node);
            case "Task" -> new TaskState(common, node.get("Resource").asText(), template(node, "Parameters"),
                    template(node, "ResultSelector"), dataPath(node, "ResultPath"), errorHandling(node),
                    node.get("TimeoutSeconds"), path(node, "TimeoutSecondsPath"), node.get("HeartbeatSeconds"),
                    path(node, "HeartbeatSecondsPath"), node.get("Credentials"), node.get("Arguments"));
            case "Parallel" -> parallel(common, node, language, fields);
            case "Map" -> map(common, node, language, fields);
            default -> throw new IllegalArgumentException("unknown state type " + type + " at /States/" + name);
        };
    }

    private static ChoiceState choice(StateCommon common, JsonNode node) {
        List<ChoiceBranch> branches = new ArrayList<>();
        for (JsonNode rule : node.path("Choices")) {
            if (common.isJsonata()) {
                branches.add(new ChoiceBranch(null, rule.get("Condition"), rule.get("Next").asText(),
                        rule.get("Assign"), rule.get("Output")));
            } else {
                branches.add(new ChoiceBranch(ChoiceRuleParser.parse(rule), null, rule.get("Next").asText(),
                        rule.get("Assign"), null));
            }
        }
        return new ChoiceState(common, branches, text(node, "Default"));
    }

    private static ParallelState parallel(StateCommon common, JsonNode node, QueryLanguage language,
            CompiledFields fields) {
        List<Workflow> branches = new ArrayList<>();
        for (JsonNode branch : node.path("Branches")) {
            branches.add(workflow(branch, language, fields));
        }
        return new ParallelState(common, branches, template(node, "Parameters"), template(node, "ResultSelector"),
                dataPath(node, "ResultPath"), errorHandling(node), node.get("Arguments"));
    }

    private static MapState map(StateCommon common, JsonNode node, QueryLanguage language, CompiledFields fields) {
        JsonNode processor = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
        boolean distributed = "DISTRIBUTED".equals(processor.path("ProcessorConfig").path("Mode").asText());
        JsonNode selector = node.has("ItemSelector") ? node.get("ItemSelector") : node.get("Parameters");
        JsonPathExpression itemsPath = node.hasNonNull("ItemsPath")
                ? JsonPathExpression.compile(node.get("ItemsPath").asText())
                : JsonPathExpression.compile("$");
        return new MapState(common, workflow(processor, language, fields), distributed, text(node, "Label"), itemsPath,
                node.get("Items"), common.isJsonata() || selector == null ? null : PayloadTemplate.compile(selector),
                common.isJsonata() ? selector : null, template(node, "ResultSelector"), dataPath(node, "ResultPath"),
                errorHandling(node), node.get("MaxConcurrency"), path(node, "MaxConcurrencyPath"),
                node.get("ToleratedFailureCount"), path(node, "ToleratedFailureCountPath"),
                node.get("ToleratedFailurePercentage"), path(node, "ToleratedFailurePercentagePath"),
                node.get("ItemReader"), node.get("ItemBatcher"), node.get("ResultWriter"),
                distributed ? childDefinition(processor, language) : null,
                distributed ? executionType(processor) : null);
    }

    /** The ItemProcessor as a whole state machine: what a Distributed Map's child executions run. */
    private static String childDefinition(JsonNode processor, QueryLanguage language) {
        ObjectNode machine = Json.MAPPER.createObjectNode();
        if (language == QueryLanguage.JSONATA) {
            machine.put("QueryLanguage", "JSONata");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = processor.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("ProcessorConfig")) {
                machine.set(field.getKey(), field.getValue());
            }
        }
        return Json.write(machine);
    }

    /** A Distributed Map's {@code ExecutionType}: its children's type, STANDARD unless it says EXPRESS. */
    private static StateMachineType executionType(JsonNode processor) {
        return StateMachineType.fromWireName(processor.path("ProcessorConfig").path("ExecutionType").asText())
                .orElse(StateMachineType.STANDARD);
    }

    private static ErrorHandling errorHandling(JsonNode node) {
        List<Retrier> retriers = new ArrayList<>();
        for (JsonNode r : node.path("Retry")) {
            retriers.add(new Retrier(strings(r.get("ErrorEquals")),
                    r.path("IntervalSeconds").asDouble(1),
                    r.path("MaxAttempts").asInt(3),
                    r.path("BackoffRate").asDouble(2.0),
                    r.hasNonNull("MaxDelaySeconds") ? r.get("MaxDelaySeconds").asInt() : null,
                    r.hasNonNull("JitterStrategy")
                            ? Retrier.JitterStrategy.valueOf(r.get("JitterStrategy").asText())
                            : Retrier.JitterStrategy.NONE));
        }
        List<Catcher> catchers = new ArrayList<>();
        for (JsonNode c : node.path("Catch")) {
            catchers.add(new Catcher(strings(c.get("ErrorEquals")), c.get("Next").asText(), dataPath(c, "ResultPath"),
                    c.get("Assign"), c.get("Output")));
        }
        return retriers.isEmpty() && catchers.isEmpty() ? ErrorHandling.NONE : new ErrorHandling(retriers, catchers);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonPathExpression path(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : JsonPathExpression.compile(text);
    }

    private static PathOrIntrinsic pathOrIntrinsic(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : PathOrIntrinsic.compile(text);
    }

    private static DataPath dataPath(JsonNode node, String field) {
        if (!node.has(field)) {
            return DataPath.ROOT;
        }
        JsonNode value = node.get(field);
        return value.isNull() ? DataPath.DISCARD : new DataPath(JsonPathExpression.compile(value.asText()));
    }

    private static PayloadTemplate template(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : PayloadTemplate.compile(value);
    }
}
