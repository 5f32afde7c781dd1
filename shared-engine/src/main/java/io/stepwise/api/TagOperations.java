package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.ActivityRecord;
import io.stepwise.engine.port.StateMachineRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** TagResource, UntagResource and ListTagsForResource for state machines and activities. */
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

    private ObjectNode tag(ApiRequest request) {
        Map<String, String> added = StateMachineOperations.tags(request.node("tags"));
        change(request, tags -> {
            tags.putAll(added);
            if (tags.size() > 50) {
                throw ApiException.of("TooManyTags", "Too many tags: at most 50 are allowed");
            }
        });
        return WireJson.object();
    }

    private ObjectNode untag(ApiRequest request) {
        JsonNode keys = request.node("tagKeys");
        if (keys == null || !keys.isArray()) {
            throw ApiException.of("ValidationException", "Member 'tagKeys' must be a list");
        }
        int index = 0;
        for (JsonNode key : keys) {
            if (!key.isTextual()) {
                throw ApiException.of("SerializationException", "Member 'tagKeys' must be a list of strings");
            }
            StateMachineOperations.requireLength(key.textValue(), 1, StateMachineOperations.MAX_TAG_KEY,
                    "tagKeys." + ++index + ".member");
        }
        change(request, tags -> keys.forEach(key -> tags.remove(key.textValue())));
        return WireJson.object();
    }

    /**
     * Applies {@code edit} to the resource's tags as a compare-and-set, retried when another request changed the
     * resource meanwhile: a concurrent UpdateStateMachine or tag change is never overwritten by a stale copy.
     */
    private void change(ApiRequest request, Consumer<Map<String, String>> edit) {
        String arn = request.required("resourceArn");
        for (int attempt = 0; attempt <= StateMachineOperations.MAX_ATTEMPTS; attempt++) {
            if (changed(arn, edit)) {
                return;
            }
            Contention.backOff(attempt);
        }
        throw ApiException.of("ConflictException", "The resource was changed by another request; retry");
    }

    /** One attempt of {@link #change}: {@code false} when the resource changed between the read and the write. */
    private boolean changed(String arn, Consumer<Map<String, String>> edit) {
        Optional<StateMachineRecord> machine = backend.machines().find(arn);
        if (machine.isPresent()) {
            Map<String, String> tags = new LinkedHashMap<>(machine.get().tags());
            edit.accept(tags);
            return backend.machines().update(machine.get(), machine.get().withTags(tags));
        }
        ActivityRecord activity = backend.activities().find(arn).orElseThrow(() -> notFound(arn));
        Map<String, String> tags = new LinkedHashMap<>(activity.tags());
        edit.accept(tags);
        return backend.activities().update(activity, activity.withTags(tags));
    }

    private static ApiException notFound(String arn) {
        return ApiException.of("ResourceNotFound", "Resource not found: '" + arn + "'");
    }

    private ObjectNode list(ApiRequest request) {
        String arn = request.required("resourceArn");
        Map<String, String> tags = backend.machines().find(arn).map(StateMachineRecord::tags)
                .or(() -> backend.activities().find(arn).map(ActivityRecord::tags))
                .orElseThrow(() -> notFound(arn));
        ObjectNode response = WireJson.object();
        response.set("tags", WireJson.tags(tags));
        return response;
    }
}
