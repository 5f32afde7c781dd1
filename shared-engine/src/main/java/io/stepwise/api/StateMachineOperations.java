package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.VariableReferences;
import io.stepwise.asl.validation.DefinitionValidator;
import io.stepwise.asl.validation.ValidationResult;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.Page;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateStateMachine, Describe/List/Update/Delete, ValidateStateMachineDefinition, DescribeStateMachineForExecution. */
final class StateMachineOperations {
    private final Backend backend;

    StateMachineOperations(Backend backend) {
        this.backend = backend;
    }

    void register(Map<String, Operation> operations) {
        operations.put("CreateStateMachine", this::create);
        operations.put("DescribeStateMachine", this::describe);
        operations.put("ListStateMachines", this::list);
        operations.put("UpdateStateMachine", this::update);
        operations.put("DeleteStateMachine", this::delete);
        operations.put("ValidateStateMachineDefinition", this::validate);
        operations.put("DescribeStateMachineForExecution", this::describeForExecution);
    }

    private ObjectNode create(ApiRequest request) {
        String name = Names.require(request.required("name"));
        String definition = request.required("definition");
        String roleArn = Arns.requireRole(request.required("roleArn"));
        String type = type(request.optional("type", DefinitionValidator.STANDARD));
        requireValid(definition, type);
        Instant now = backend.clock().instant();
        String arn = backend.arns().stateMachine(name);
        StateMachineRecord machine = new StateMachineRecord(arn, name, type, definition, roleArn, now, now, 1,
                tags(request.node("tags")));
        if (!backend.machines().create(machine)) {
            StateMachineRecord existing = backend.machines().find(arn).orElseThrow();
            // AWS makes CreateStateMachine idempotent for an identical machine and refuses any difference.
            if (!existing.definition().equals(definition) || !existing.roleArn().equals(roleArn)
                    || !existing.type().equals(type)) {
                throw ApiException.of("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
            }
            machine = existing;
        }
        ObjectNode response = WireJson.object().put("stateMachineArn", arn);
        WireJson.putDate(response, "creationDate", machine.creationDate());
        putPublished(request, machine, response);
        return response;
    }

    /** {@code publish: true} on Create/Update publishes the resulting revision as a version. */
    private void putPublished(ApiRequest request, StateMachineRecord machine, ObjectNode response) {
        if (request.flag("publish", false)) {
            response.put("stateMachineVersionArn",
                    VersionOperations.publish(backend, machine, request.optional("versionDescription")).arn());
        }
    }

    private static String type(String type) {
        if (!type.equals(DefinitionValidator.STANDARD) && !type.equals(DefinitionValidator.EXPRESS)) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value '" + type
                    + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }
        return type;
    }

    private static void requireValid(String definition, String type) {
        ValidationResult result = DefinitionValidator.validate(definition, type);
        if (!result.ok()) {
            throw ApiException.of("InvalidDefinition", DefinitionValidator.createErrorMessage(result));
        }
    }

    static Map<String, String> tags(JsonNode tags) {
        Map<String, String> result = new LinkedHashMap<>();
        if (tags == null || tags.isNull()) {
            return result;
        }
        if (!tags.isArray()) {
            throw ApiException.of("SerializationException", "Member 'tags' must be a list");
        }
        for (JsonNode tag : tags) {
            JsonNode key = tag.get("key");
            if (key == null || !key.isTextual()) {
                throw ApiException.of("ValidationException", "Every tag needs a string 'key'");
            }
            result.put(key.textValue(), tag.path("value").asText(""));
        }
        if (result.size() > 50) {
            throw ApiException.of("TooManyTags", "Too many tags: at most 50 are allowed");
        }
        return result;
    }

    /** A version ARN describes that version; {@code includedData=METADATA_ONLY} leaves the definition out. */
    private ObjectNode describe(ApiRequest request) {
        String arn = request.required("stateMachineArn");
        if (Arns.qualified(arn).isAlias()) {
            throw ApiException.of("ValidationException", "Describing an alias is not supported by this operation;"
                    + " use DescribeStateMachineAlias");
        }
        MachineTarget target = MachineTarget.resolve(backend, arn, null);
        StateMachineRecord machine = target.machine();
        ObjectNode response = WireJson.object()
                .put("stateMachineArn", target.versionArn() != null ? target.versionArn() : machine.arn())
                .put("name", machine.name())
                .put("status", "ACTIVE");
        if (includesData(request)) {
            response.put("definition", target.definition());
        }
        response.put("roleArn", target.roleArn())
                .put("type", machine.type())
                .put("revisionId", Long.toString(target.revision()));
        WireJson.putIfPresent(response, "description", target.description());
        WireJson.putDate(response, "creationDate", target.versionArn() != null
                ? MachineTarget.version(backend, target.versionArn()).creationDate() : machine.creationDate());
        if (includesData(request)) {
            putVariableReferences(response, target.definition());
        }
        response.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        response.putObject("tracingConfiguration").put("enabled", false);
        return response;
    }

    static boolean includesData(ApiRequest request) {
        String included = request.optional("includedData", "ALL_DATA");
        if (!included.equals("ALL_DATA") && !included.equals("METADATA_ONLY")) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value '" + included
                    + "' at 'includedData' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [ALL_DATA, METADATA_ONLY]");
        }
        return included.equals("ALL_DATA");
    }

    /** AWS lists, per state, the variables it reads; machines that use no variables get no member. */
    private static void putVariableReferences(ObjectNode response, String definition) {
        Map<String, List<String>> references = VariableReferences.of(Json.parse(definition));
        if (!references.isEmpty()) {
            ObjectNode node = response.putObject("variableReferences");
            references.forEach((state, names) -> names.forEach(node.withArray(state)::add));
        }
    }

    private ObjectNode list(ApiRequest request) {
        int maxResults = request.pageSize("maxResults", 100, 1000);
        Page<StateMachineRecord> page;
        try {
            page = backend.machines().list(maxResults, request.optional("nextToken"));
        } catch (IllegalArgumentException e) {
            throw ApiException.of("InvalidToken", e.getMessage());
        }
        ObjectNode response = WireJson.object();
        ArrayNode items = response.putArray("stateMachines");
        for (StateMachineRecord machine : page.items()) {
            ObjectNode item = items.addObject()
                    .put("stateMachineArn", machine.arn()).put("name", machine.name()).put("type", machine.type());
            WireJson.putDate(item, "creationDate", machine.creationDate());
        }
        WireJson.putIfPresent(response, "nextToken", page.nextToken());
        return response;
    }

    private ObjectNode update(ApiRequest request) {
        StateMachineRecord machine = backend.machine(request.required("stateMachineArn"));
        String definition = request.optional("definition");
        String roleArn = request.optional("roleArn");
        if (definition == null && roleArn == null) {
            throw ApiException.of("MissingRequiredParameter",
                    "Either the definition, the roleArn or the loggingConfiguration must be specified");
        }
        if (roleArn != null) {
            Arns.requireRole(roleArn);
        }
        if (definition != null) {
            requireValid(definition, machine.type());
        }
        StateMachineRecord updated = machine.withDefinition(definition == null ? machine.definition() : definition,
                roleArn == null ? machine.roleArn() : roleArn, backend.clock().instant());
        if (!backend.machines().update(updated)) {
            throw ApiException.of("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + machine.arn() + "'");
        }
        ObjectNode response = WireJson.object().put("revisionId", Long.toString(updated.revision()));
        WireJson.putDate(response, "updateDate", updated.updateDate());
        putPublished(request, updated, response);
        return response;
    }

    /** Deleting an unknown state machine succeeds, as on AWS; its versions and aliases go with it. */
    private ObjectNode delete(ApiRequest request) {
        String arn = Arns.requireStateMachine(request.required("stateMachineArn"));
        backend.machines().delete(arn);
        backend.versions().deleteAll(arn);
        return WireJson.object();
    }

    private ObjectNode validate(ApiRequest request) {
        String definition = request.required("definition");
        String type = type(request.optional("type", DefinitionValidator.STANDARD));
        int maxResults = request.pageSize("maxResults", 100, 100);
        ValidationResult result = DefinitionValidator.validate(definition, type);
        ObjectNode response = result.response(maxResults);
        return response;
    }

    private ObjectNode describeForExecution(ApiRequest request) {
        ExecutionRecord execution = backend.execution(request.required("executionArn"));
        ObjectNode response = WireJson.object()
                .put("stateMachineArn", execution.stateMachineArn())
                .put("name", execution.state().start.stateMachineName())
                .put("definition", execution.definition())
                .put("roleArn", execution.state().start.roleArn());
        WireJson.putDate(response, "updateDate", execution.startDate());
        response.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        response.putObject("tracingConfiguration").put("enabled", false);
        return response;
    }
}
