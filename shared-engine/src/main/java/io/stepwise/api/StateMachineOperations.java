package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.StateMachineType;
import io.stepwise.asl.VariableReferences;
import io.stepwise.asl.validation.DefinitionValidator;
import io.stepwise.asl.validation.ValidationResult;
import io.stepwise.engine.MapRunArns;
import io.stepwise.engine.ParentLink;
import io.stepwise.engine.port.EncryptionConfiguration;
import io.stepwise.engine.port.LoggingConfiguration;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.InvalidPageToken;
import io.stepwise.engine.port.Page;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CreateStateMachine, Describe/List/Update/Delete, ValidateStateMachineDefinition, DescribeStateMachineForExecution. */
final class StateMachineOperations {
    /** How often a write that lost a race with another request is retried before that request is reported. */
    static final int MAX_ATTEMPTS = 16;
    static final int MAX_TAG_KEY = 128;
    static final int MAX_TAG_VALUE = 256;

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
        requireDescriptionOnlyWhenPublished(request);
        String definition = request.required("definition");
        String roleArn = Arns.requireRole(request.required("roleArn"));
        StateMachineType type = type(request.optional("type", StateMachineType.STANDARD.name()));
        EncryptionConfiguration encryption = EncryptionConfigurations.of(request);
        LoggingConfiguration logging = ObservabilityConfigurations.logging(request);
        Boolean tracing = ObservabilityConfigurations.tracing(request);
        requireValid(definition, type);
        Instant now = backend.clock().instant();
        String arn = request.arns().stateMachine(name);
        StateMachineRecord machine = new StateMachineRecord(arn, name, type, definition, roleArn, now, now, 1,
                tags(request.node("tags")), encryption, logging, tracing != null && tracing);
        machine = createOrFindIdentical(machine);
        ObjectNode response = WireJson.object().put("stateMachineArn", arn);
        WireJson.putDate(response, "creationDate", machine.creationDate());
        putPublished(request, machine, response);
        return response;
    }

    /**
     * Stores {@code machine}, or returns the stored one when it is identical: AWS makes CreateStateMachine
     * idempotent for an identical machine and refuses any difference. A machine deleted between the refused insert
     * and the read is no conflict: the insert is tried again.
     */
    private StateMachineRecord createOrFindIdentical(StateMachineRecord machine) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (backend.machines().create(machine)) {
                return machine;
            }
            Optional<StateMachineRecord> existing = backend.machines().find(machine.arn());
            if (existing.isPresent()) {
                StateMachineRecord stored = existing.get();
                if (!stored.definition().equals(machine.definition()) || !stored.roleArn().equals(machine.roleArn())
                        || stored.type() != machine.type() || !stored.encryption().equals(machine.encryption())
                        || !stored.logging().equals(machine.logging())
                        || stored.tracingEnabled() != machine.tracingEnabled()) {
                    throw alreadyExists(machine.arn());
                }
                return stored;
            }
        }
        throw alreadyExists(machine.arn());
    }

    private static ApiException alreadyExists(String arn) {
        return ApiException.of("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
    }

    /** {@code publish: true} on Create/Update publishes the resulting revision as a version. */
    private void putPublished(ApiRequest request, StateMachineRecord machine, ObjectNode response) {
        if (request.flag("publish", false)) {
            response.put("stateMachineVersionArn",
                    VersionOperations.publish(backend, machine, request.optional("versionDescription")).arn());
        }
    }

    private static void requireDescriptionOnlyWhenPublished(ApiRequest request) {
        if (request.optional("versionDescription") != null && !request.flag("publish", false)) {
            throw ApiException.of("ValidationException", "Version description can only be set when publish is true");
        }
    }

    private static StateMachineType type(String type) {
        return StateMachineType.fromWireName(type).orElseThrow(() -> ApiException.of("ValidationException",
                "1 validation error detected: Value '" + type
                + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"));
    }

    private static void requireValid(String definition, StateMachineType type) {
        ValidationResult result = DefinitionValidator.validate(definition, type);
        if (!result.ok()) {
            throw ApiException.of("InvalidDefinition",
                    ClientMessages.withoutCodeReferences(DefinitionValidator.createErrorMessage(result)));
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
        int index = 0;
        for (JsonNode tag : tags) {
            index++;
            JsonNode key = tag.get("key");
            if (key == null || !key.isTextual()) {
                // The model leaves Tag.key optional; AWS refuses a tag without one in the model's form.
                throw ApiException.of("ValidationException", "1 validation error detected: Value null at 'tags."
                        + index + ".member.key' failed to satisfy constraint: Member must not be null");
            }
            String value = tag.path("value").asText("");
            // The model's TagKey (1 to 128 characters) and TagValue (0 to 256) shapes.
            requireLength(key.textValue(), 1, MAX_TAG_KEY, "tags." + index + ".member.key");
            requireLength(value, 0, MAX_TAG_VALUE, "tags." + index + ".member.value");
            result.put(key.textValue(), value);
        }
        if (result.size() > 50) {
            throw ApiException.of("TooManyTags", "Too many tags: at most 50 are allowed");
        }
        return result;
    }

    static void requireLength(String value, int min, int max, String member) {
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value '" + (length > max
                    ? value.substring(0, value.offsetByCodePoints(0, max)) + "..." : value) + "' at '" + member
                    + "' failed to satisfy constraint: Member must have length " + (length > max
                    ? "less than or equal to " + max : "greater than or equal to " + min));
        }
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
                .put("type", machine.type().name())
                .put("revisionId", Long.toString(target.revision()));
        WireJson.putIfPresent(response, "description", target.description());
        WireJson.putDate(response, "creationDate", target.versionArn() != null
                ? MachineTarget.version(backend, target.versionArn()).creationDate() : machine.creationDate());
        if (includesData(request)) {
            putVariableReferences(response, target.definition());
        }
        ObservabilityConfigurations.put(response, machine.logging(), machine.tracingEnabled());
        EncryptionConfigurations.put(response, machine.encryption());
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
            page = FilteredPages.of(maxResults, request.optional("nextToken"), backend.machines()::list,
                    machine -> request.arns().owns(machine.arn()));
        } catch (InvalidPageToken e) {
            throw ApiException.of("InvalidToken", "Invalid Token: 'Invalid pagination token'");
        }
        ObjectNode response = WireJson.object();
        ArrayNode items = response.putArray("stateMachines");
        for (StateMachineRecord machine : page.items()) {
            ObjectNode item = items.addObject()
                    .put("stateMachineArn", machine.arn()).put("name", machine.name())
                    .put("type", machine.type().name());
            WireJson.putDate(item, "creationDate", machine.creationDate());
        }
        WireJson.putIfPresent(response, "nextToken", page.nextToken());
        return response;
    }

    private ObjectNode update(ApiRequest request) {
        String arn = request.required("stateMachineArn");
        String definition = request.optional("definition");
        String roleArn = request.optional("roleArn");
        requireDescriptionOnlyWhenPublished(request);
        EncryptionConfiguration encryption = EncryptionConfigurations.of(request);
        LoggingConfiguration logging = ObservabilityConfigurations.logging(request);
        Boolean tracing = ObservabilityConfigurations.tracing(request);
        // AWS accepts an update of only the logging or tracing configuration.
        if (definition == null && roleArn == null && encryption == null && logging == null && tracing == null) {
            throw ApiException.of("MissingRequiredParameter",
                    "Either the definition, the roleArn or the loggingConfiguration must be specified");
        }
        if (roleArn != null) {
            Arns.requireRole(roleArn);
        }
        StateMachineRecord machine = backend.machine(arn);
        if (definition != null) {
            requireValid(definition, machine.type());
        }
        StateMachineRecord updated;
        // Compare-and-set: an update or tag change that lands between the read and the write is kept, not overwritten.
        for (int attempt = 0; ; attempt++) {
            updated = machine.withDefinition(definition == null ? machine.definition() : definition,
                    roleArn == null ? machine.roleArn() : roleArn, backend.clock().instant());
            if (encryption != null) {
                updated = updated.withEncryption(encryption);
            }
            updated = updated.withObservability(logging == null ? updated.logging() : logging,
                    tracing == null ? updated.tracingEnabled() : tracing);
            if (backend.machines().update(machine, updated)) {
                break;
            }
            if (attempt == MAX_ATTEMPTS) {
                throw ApiException.of("ConflictException", "The state machine was changed by another request;"
                        + " retry the update");
            }
            Contention.backOff(attempt);
            machine = backend.machine(arn);
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
        StateMachineType type = type(request.optional("type", StateMachineType.STANDARD.name()));
        int maxResults = request.pageSize("maxResults", 100, 100);
        ValidationResult result = DefinitionValidator.validate(definition, type);
        ObjectNode response = result.response(maxResults);
        for (JsonNode diagnostic : response.path("diagnostics")) {
            if (diagnostic instanceof ObjectNode node && node.path("message").isTextual()) {
                node.put("message", ClientMessages.withoutCodeReferences(node.path("message").textValue()));
            }
        }
        return response;
    }

    private ObjectNode describeForExecution(ApiRequest request) {
        ExecutionRecord execution = backend.execution(request.required("executionArn"));
        ObjectNode response = WireJson.object()
                .put("stateMachineArn", MapRunArns.shownMachineArn(execution.stateMachineArn()))
                .put("name", MapRunArns.shownMachineName(execution.state().start.stateMachineName()))
                .put("definition", execution.definition())
                .put("roleArn", execution.state().start.roleArn());
        WireJson.putDate(response, "updateDate", execution.startDate());
        // An execution of a version ran that version's revision, which AWS names here.
        backend.versions().executionSource(execution.executionArn())
                .flatMap(source -> backend.versions().findVersion(source.versionArn()))
                .ifPresent(version -> response.put("revisionId", Long.toString(version.revision())));
        // The machine's configurations now: they are not kept per revision.
        Optional<StateMachineRecord> machine = backend.machines().find(execution.stateMachineArn());
        ObservabilityConfigurations.put(response, machine.map(StateMachineRecord::logging)
                .orElse(LoggingConfiguration.OFF), machine.map(StateMachineRecord::tracingEnabled).orElse(false));
        EncryptionConfigurations.put(response, machine.map(StateMachineRecord::encryption)
                .orElse(EncryptionConfiguration.DEFAULT));
        ParentLink parent = execution.state().start.parent();
        if (parent != null && parent.mapRunArn() != null) {
            // A Map Run's child: AWS names the Map Run and its label (…:mapRun:<machine>/<label>:<run id>).
            String run = parent.mapRunArn().substring(parent.mapRunArn().indexOf(":mapRun:") + ":mapRun:".length());
            response.put("mapRunArn", parent.mapRunArn());
            response.put("label", run.substring(run.indexOf('/') + 1, run.lastIndexOf(':')));
        }
        return response;
    }
}
