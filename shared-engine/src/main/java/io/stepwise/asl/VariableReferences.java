package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.intrinsic.IntrinsicExpression;
import io.stepwise.query.jsonata.JsonataValidation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code variableReferences} of {@code DescribeStateMachine}: for each state, the workflow variables it
 * reads. States that read none are left out, as AWS leaves them out. States inside Parallel branches and
 * Map item processors are listed under their own names (state names are unique across a machine).
 *
 * <p>What counts as a read: in a JSONPath state, a path starting {@code $name} in a Path field
 * ({@code InputPath}, {@code ItemsPath}, {@code SecondsPath}, {@code ErrorPath}, ...), in a Choice rule's
 * {@code Variable} or {@code ...Path} operand, or as the value of a {@code .$} key of a payload template,
 * including the path arguments of intrinsic calls. {@code ResultPath} cannot read variables and a Pass
 * state's {@code Result} is a literal. In a JSONata state, every variable an expression reads that it does
 * not bind itself. Names are listed in the order they first appear.
 */
public final class VariableReferences {
    private static final String DYNAMIC_SUFFIX = ".$";
    /** Fields that hold nested workflows, visited as states of their own. */
    private static final Set<String> NESTED_WORKFLOWS = Set.of("Branches", "ItemProcessor", "Iterator");
    /** Fields that never read a variable. */
    private static final Set<String> INERT = Set.of("Type", "Comment", "Next", "End", "Default", "Resource",
            "QueryLanguage", "Result", "ResultPath", "ErrorEquals", "StartAt");
    /** JSONPath fields whose keys are data rather than field names: only their {@code .$} keys read. */
    private static final Set<String> PAYLOAD_TEMPLATES = Set.of("Parameters", "ResultSelector", "ItemSelector",
            "Assign", "Credentials", "BatchInput");

    private VariableReferences() {
    }

    public static Map<String, List<String>> of(StateMachineDefinition definition) {
        return of(definition.source());
    }

    /** @param definition the definition as JSON; parts that are not well-formed are skipped */
    public static Map<String, List<String>> of(JsonNode definition) {
        Map<String, List<String>> references = new LinkedHashMap<>();
        if (definition != null && definition.isObject()) {
            boolean jsonata = "JSONata".equals(definition.path("QueryLanguage").asText());
            workflow(definition, jsonata, references);
        }
        return Collections.unmodifiableMap(references);
    }

    /**
     * @param machineJsonata the machine's language: a state without its own QueryLanguage uses it, also
     *     inside a Map or Parallel (as the validator measured on AWS)
     */
    private static void workflow(JsonNode block, boolean machineJsonata, Map<String, List<String>> into) {
        JsonNode states = block.get("States");
        if (states == null || !states.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> entries = states.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode state = entry.getValue();
            if (!state.isObject()) {
                continue;
            }
            JsonNode declared = state.get("QueryLanguage");
            boolean jsonata = declared == null ? machineJsonata : "JSONata".equals(declared.asText());
            Set<String> names = new LinkedHashSet<>();
            Iterator<Map.Entry<String, JsonNode>> fields = state.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (INERT.contains(field.getKey()) || NESTED_WORKFLOWS.contains(field.getKey())) {
                    continue;
                }
                if (jsonata) {
                    jsonataValue(field.getValue(), names);
                } else {
                    jsonPathField(field.getKey(), field.getValue(), false, names);
                }
            }
            if (!names.isEmpty()) {
                into.put(entry.getKey(), List.copyOf(names));
            }
            nested(state, machineJsonata, into);
        }
    }

    private static void nested(JsonNode state, boolean machineJsonata, Map<String, List<String>> into) {
        JsonNode branches = state.get("Branches");
        if (branches != null && branches.isArray()) {
            branches.forEach(branch -> workflow(branch, machineJsonata, into));
        }
        for (String processor : new String[] {"ItemProcessor", "Iterator"}) {
            JsonNode block = state.get(processor);
            if (block != null && block.isObject()) {
                workflow(block, machineJsonata, into);
            }
        }
    }

    private static void jsonataValue(JsonNode value, Set<String> into) {
        if (value.isTextual()) {
            String text = value.asText();
            if (text.length() >= 4 && text.startsWith("{%") && text.endsWith("%}")) {
                List<String> variables = new ArrayList<>(
                        JsonataValidation.analyze(text.substring(2, text.length() - 2)).references().variables());
                Collections.sort(variables);
                into.addAll(variables);
            }
        } else if (value.isContainerNode()) {
            value.forEach(child -> jsonataValue(child, into));
        }
    }

    /**
     * @param inTemplate whether {@code key} is a key of a payload template, where only {@code .$} keys read
     */
    private static void jsonPathField(String key, JsonNode value, boolean inTemplate, Set<String> into) {
        if (key != null && key.endsWith(DYNAMIC_SUFFIX)) {
            if (value.isTextual()) {
                pathOrIntrinsic(value.asText(), into);
            }
            return;
        }
        if (!inTemplate && key != null && (key.equals("Variable") || (key.endsWith("Path")
                && !key.equals("ResultPath")))) {
            if (value.isTextual()) {
                pathOrIntrinsic(value.asText(), into);
            }
            return;
        }
        if (key != null && (INERT.contains(key) && !inTemplate)) {
            return;
        }
        boolean template = inTemplate || (key != null && PAYLOAD_TEMPLATES.contains(key));
        if (value.isObject()) {
            value.fields().forEachRemaining(f -> jsonPathField(f.getKey(), f.getValue(), template, into));
        } else if (value.isArray()) {
            value.forEach(item -> jsonPathField(null, item, template, into));
        }
    }

    private static void pathOrIntrinsic(String text, Set<String> into) {
        try {
            if (IntrinsicExpression.isIntrinsic(text)) {
                into.addAll(IntrinsicExpression.parse(text).variableReferences());
            } else {
                String variable = JsonPathExpression.compile(text).variable();
                if (variable != null) {
                    into.add(variable);
                }
            }
        } catch (IllegalArgumentException e) {
            // Not well-formed: the validator reports it; it references nothing.
        }
    }
}
