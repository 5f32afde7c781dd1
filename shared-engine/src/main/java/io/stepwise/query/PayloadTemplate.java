package io.stepwise.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** TEMPORARY placeholder, replaced by the intrinsics branch. */
public final class PayloadTemplate {
    private final JsonNode template;

    private PayloadTemplate(JsonNode template) {
        this.template = template;
    }

    public static PayloadTemplate compile(JsonNode template) {
        return new PayloadTemplate(template);
    }

    public JsonNode evaluate(EvalContext ctx) {
        return eval(template, ctx);
    }

    private static JsonNode eval(JsonNode node, EvalContext ctx) {
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().endsWith(".$")) {
                    out.set(e.getKey().substring(0, e.getKey().length() - 2),
                            JsonPathExpression.compile(e.getValue().asText()).read(ctx));
                } else {
                    out.set(e.getKey(), eval(e.getValue(), ctx));
                }
            }
            return out;
        }
        return node;
    }
}
