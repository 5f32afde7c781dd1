package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.ActivityRecord;
import io.stepwise.engine.port.StateMachineRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TagResource, UntagResource and ListTagsForResource for state machines; ListTagsForResource for activities too
 * (changing an activity's tags needs an update method the activity store does not have yet).
 */
final class TagOperations {
    private final Backend backend;

    TagOperations(Backend backend) {
        this.backend = backend;
    }

    void register(Map<String, Operation> operations) {
        operations.put("TagResource", this::tag);
        operations.put("UntagResource", this::untag);
        operations.put("ListTagsForResource", this::list);
    }

    private StateMachineRecord resource(ApiRequest request) {
        String arn = request.required("resourceArn");
        return backend.machines().find(arn).orElseThrow(() ->
                ApiException.of("ResourceNotFound", "Resource not found: '" + arn + "'"));
    }

    private ObjectNode tag(ApiRequest request) {
        StateMachineRecord machine = resource(request);
        Map<String, String> tags = new LinkedHashMap<>(machine.tags());
        tags.putAll(StateMachineOperations.tags(request.node("tags")));
        if (tags.size() > 50) {
            throw ApiException.of("TooManyTags", "Too many tags: at most 50 are allowed");
        }
        backend.machines().update(machine.withTags(tags));
        return WireJson.object();
    }

    private ObjectNode untag(ApiRequest request) {
        StateMachineRecord machine = resource(request);
        Map<String, String> tags = new LinkedHashMap<>(machine.tags());
        JsonNode keys = request.node("tagKeys");
        if (keys == null || !keys.isArray()) {
            throw ApiException.of("ValidationException", "Member 'tagKeys' must be a list");
        }
        keys.forEach(key -> tags.remove(key.asText()));
        backend.machines().update(machine.withTags(tags));
        return WireJson.object();
    }

    /** Activities carry the tags given at CreateActivity. */
    private ObjectNode list(ApiRequest request) {
        String arn = request.required("resourceArn");
        Map<String, String> tags = backend.machines().find(arn).map(StateMachineRecord::tags)
                .or(() -> backend.activities().find(arn).map(ActivityRecord::tags))
                .orElseThrow(() -> ApiException.of("ResourceNotFound", "Resource not found: '" + arn + "'"));
        ObjectNode response = WireJson.object();
        response.set("tags", WireJson.tags(tags));
        return response;
    }
}
