package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.StateMachineAliasRecord;
import io.stepwise.engine.port.StateMachineAliasRecord.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Create/Describe/Update/Delete/ListStateMachineAliases. */
final class AliasOperations {
    /** AWS's alias name rule: it must not look like a version number. */
    private static final Pattern ALIAS_NAME = Pattern.compile("(?=.*[a-zA-Z_\\-.])[a-zA-Z0-9_\\-.]{1,80}");

    private final Backend backend;

    AliasOperations(Backend backend) {
        this.backend = backend;
    }

    void register(Map<String, Operation> operations) {
        operations.put("CreateStateMachineAlias", this::create);
        operations.put("DescribeStateMachineAlias", this::describe);
        operations.put("UpdateStateMachineAlias", this::update);
        operations.put("DeleteStateMachineAlias", this::delete);
        operations.put("ListStateMachineAliases", this::list);
    }

    /** Creating an alias that exists with the same routing returns it; any difference is a conflict (AWS). */
    private ObjectNode create(ApiRequest request) {
        String name = request.required("name");
        if (!ALIAS_NAME.matcher(name).matches()) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + ALIAS_NAME.pattern());
        }
        List<Route> routes = routes(request.node("routingConfiguration"));
        String machineArn = Arns.qualified(routes.get(0).versionArn()).stateMachineArn();
        String description = description(request);
        Instant now = backend.clock().instant();
        StateMachineAliasRecord alias = new StateMachineAliasRecord(machineArn + ":" + name, machineArn, name,
                description, routes, now, now);
        alias = createOrFindIdentical(alias);
        ObjectNode response = WireJson.object().put("stateMachineAliasArn", alias.arn());
        WireJson.putDate(response, "creationDate", alias.creationDate());
        return response;
    }

    /** An alias deleted between the refused insert and the read is no conflict: the insert is tried again. */
    private StateMachineAliasRecord createOrFindIdentical(StateMachineAliasRecord alias) {
        for (int attempt = 0; attempt < StateMachineOperations.MAX_ATTEMPTS; attempt++) {
            if (backend.versions().createAlias(alias)) {
                return alias;
            }
            Optional<StateMachineAliasRecord> existing = backend.versions().findAlias(alias.arn());
            if (existing.isPresent()) {
                if (!existing.get().routes().equals(alias.routes())
                        || !Objects.equals(existing.get().description(), alias.description())) {
                    break;
                }
                return existing.get();
            }
        }
        throw ApiException.of("ConflictException", "Failed to create alias because an alias with the same"
                + " name and a different routing configuration already exists.");
    }

    private String description(ApiRequest request) {
        String description = request.optional("description");
        if (description != null && description.length() > 256) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value at 'description'"
                    + " failed to satisfy constraint: Member must have length less than or equal to 256");
        }
        return description;
    }

    /** 1 or 2 distinct, existing versions of one state machine whose weights add up to 100. */
    private List<Route> routes(JsonNode routing) {
        if (routing == null || !routing.isArray() || routing.isEmpty() || routing.size() > 2) {
            throw invalidRouting("Routing configuration must contain one or two state machine versions");
        }
        List<Route> routes = new ArrayList<>();
        for (JsonNode entry : routing) {
            JsonNode arn = entry.get("stateMachineVersionArn");
            JsonNode weight = entry.get("weight");
            if (arn == null || !arn.isTextual() || weight == null || !weight.isInt()
                    || weight.intValue() < 0 || weight.intValue() > 100) {
                throw invalidRouting("Every route needs a stateMachineVersionArn and a weight between 0 and 100");
            }
            if (!Arns.qualified(arn.textValue()).isVersion()) {
                throw ApiException.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: "
                        + arn.textValue() + "'");
            }
            // CreateStateMachineAlias and UpdateStateMachineAlias declare ResourceNotFound, not StateMachineDoesNotExist.
            if (backend.versions().findVersion(arn.textValue()).isEmpty()) {
                throw ApiException.of("ResourceNotFound", "Resource not found: '" + arn.textValue() + "'");
            }
            routes.add(new Route(arn.textValue(), weight.intValue()));
        }
        if (new HashSet<>(routes.stream().map(Route::versionArn).toList()).size() != routes.size()) {
            throw invalidRouting("Routing configuration must contain distinct state machine version ARNs");
        }
        if (routes.stream().map(r -> Arns.qualified(r.versionArn()).stateMachineArn()).distinct().count() > 1) {
            throw invalidRouting("Routing configuration must contain state machine version ARNs of the same state"
                    + " machine");
        }
        if (routes.stream().mapToInt(Route::weight).sum() != 100) {
            throw invalidRouting("Sum of routing configuration weights must be equal to 100");
        }
        return routes;
    }

    private static ApiException invalidRouting(String message) {
        return ApiException.of("ValidationException", message);
    }

    private StateMachineAliasRecord alias(String arn) {
        if (!Arns.qualified(arn).isAlias()) {
            throw ApiException.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        return backend.versions().findAlias(arn).orElseThrow(() ->
                ApiException.of("ResourceNotFound", "Resource not found: '" + arn + "'"));
    }

    private ObjectNode describe(ApiRequest request) {
        StateMachineAliasRecord alias = alias(request.required("stateMachineAliasArn"));
        ObjectNode response = WireJson.object().put("stateMachineAliasArn", alias.arn()).put("name", alias.name());
        WireJson.putIfPresent(response, "description", alias.description());
        ArrayNode routing = response.putArray("routingConfiguration");
        alias.routes().forEach(route -> routing.addObject()
                .put("stateMachineVersionArn", route.versionArn()).put("weight", route.weight()));
        WireJson.putDate(response, "creationDate", alias.creationDate());
        WireJson.putDate(response, "updateDate", alias.updateDate());
        return response;
    }

    private ObjectNode update(ApiRequest request) {
        StateMachineAliasRecord alias = alias(request.required("stateMachineAliasArn"));
        JsonNode routing = request.node("routingConfiguration");
        String description = request.optional("description");
        if (routing == null && description == null) {
            throw ApiException.of("MissingRequiredParameter",
                    "Either the description or the RoutingConfiguration must be specified");
        }
        List<Route> routes = routing == null ? alias.routes() : routes(routing);
        if (!Arns.qualified(routes.get(0).versionArn()).stateMachineArn().equals(alias.stateMachineArn())) {
            throw invalidRouting("Routing configuration must contain versions of the alias's state machine");
        }
        StateMachineAliasRecord updated = alias.withRouting(description == null ? alias.description()
                : description(request), routes, backend.clock().instant());
        if (!backend.versions().updateAlias(updated)) {
            // Deleted since it was read: as if it had been gone before the call.
            throw ApiException.of("ResourceNotFound", "Resource not found: '" + alias.arn() + "'");
        }
        ObjectNode response = WireJson.object();
        WireJson.putDate(response, "updateDate", updated.updateDate());
        return response;
    }

    /** Deleting an unknown alias succeeds, as on AWS. */
    private ObjectNode delete(ApiRequest request) {
        String arn = request.required("stateMachineAliasArn");
        if (!Arns.qualified(arn).isAlias()) {
            throw ApiException.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        backend.versions().deleteAlias(arn);
        return WireJson.object();
    }

    private ObjectNode list(ApiRequest request) {
        String machineArn = backend.machine(request.required("stateMachineArn")).arn();
        ObjectNode response = WireJson.object();
        ArrayNode items = response.putArray("stateMachineAliases");
        for (StateMachineAliasRecord alias : backend.versions().aliases(machineArn)) {
            ObjectNode item = items.addObject().put("stateMachineAliasArn", alias.arn());
            WireJson.putDate(item, "creationDate", alias.creationDate());
        }
        return response;
    }
}
