package io.stepwise.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.StateMachineAliasRecord;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineVersionRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PublishStateMachineVersion, ListStateMachineVersions and DeleteStateMachineVersion. */
final class VersionOperations {
    private final Backend backend;

    VersionOperations(Backend backend) {
        this.backend = backend;
    }

    void register(Map<String, Operation> operations) {
        operations.put("PublishStateMachineVersion", this::publish);
        operations.put("ListStateMachineVersions", this::list);
        operations.put("DeleteStateMachineVersion", this::delete);
    }

    private ObjectNode publish(ApiRequest request) {
        String arn = request.required("stateMachineArn");
        String revisionId = request.optional("revisionId");
        String description = request.optional("description");
        StateMachineVersionRecord version = null;
        for (int attempt = 0; version == null; attempt++) {
            StateMachineRecord machine = backend.machine(arn);
            // revisionId guards against publishing a revision other than the one the caller looked at.
            if (revisionId != null && !revisionId.equals(Long.toString(machine.revision()))) {
                throw ApiException.of("ConflictException", "Failed to publish the State Machine version for revision "
                        + revisionId + ". The current State Machine revision is " + machine.revision() + ".");
            }
            version = publishIfCurrent(backend, machine, description).orElse(null);
            if (version == null && attempt == StateMachineOperations.MAX_ATTEMPTS) {
                throw ApiException.of("ConflictException", "The state machine was changed by another request;"
                        + " retry the publication");
            }
        }
        ObjectNode response = WireJson.object().put("stateMachineVersionArn", version.arn());
        WireJson.putDate(response, "creationDate", version.creationDate());
        return response;
    }

    /**
     * What {@code publish: true} on Create/Update does: publishes the revision that call wrote. When another request
     * deleted or changed the machine meanwhile, that revision no longer exists and neither does the machine as the
     * caller made it, which AWS would report as a conflict.
     */
    static StateMachineVersionRecord publish(Backend backend, StateMachineRecord machine, String description) {
        return publishIfCurrent(backend, machine, description).orElseThrow(() -> ApiException.of("ConflictException",
                "The state machine was changed by another request before its version was published"));
    }

    private static Optional<StateMachineVersionRecord> publishIfCurrent(Backend backend, StateMachineRecord machine,
            String description) {
        if (description != null && description.length() > 256) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value at 'description'"
                    + " failed to satisfy constraint: Member must have length less than or equal to 256");
        }
        return backend.versions().publish(machine, description, backend.clock().instant());
    }

    /** Newest first, as AWS lists them; {@code nextToken} is the version number to continue below. */
    private ObjectNode list(ApiRequest request) {
        // The operation declares no StateMachineDoesNotExist: a machine that does not exist has no versions.
        String machineArn = Arns.requireStateMachine(request.required("stateMachineArn"));
        int maxResults = request.pageSize("maxResults", 100, 1000);
        long below = belowToken(request.optional("nextToken"));
        List<StateMachineVersionRecord> versions = backend.versions().versions(machineArn).stream()
                .filter(v -> v.version() < below).toList();
        ObjectNode response = WireJson.object();
        ArrayNode items = response.putArray("stateMachineVersions");
        versions.stream().limit(maxResults).forEach(version -> {
            ObjectNode item = items.addObject().put("stateMachineVersionArn", version.arn());
            WireJson.putDate(item, "creationDate", version.creationDate());
        });
        if (versions.size() > maxResults) {
            response.put("nextToken", Long.toString(versions.get(maxResults - 1).version()));
        }
        return response;
    }

    private static long belowToken(String token) {
        if (token == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw ApiException.of("InvalidToken", "Invalid Token: '" + token + "'");
        }
    }

    /** Deleting an unknown version succeeds, as on AWS; one that an alias routes to may not be deleted. */
    private ObjectNode delete(ApiRequest request) {
        String arn = request.required("stateMachineVersionArn");
        Arns.Qualified qualified = Arns.qualified(arn);
        if (!qualified.isVersion()) {
            throw ApiException.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        List<String> referencing = backend.versions().aliases(qualified.stateMachineArn()).stream()
                .filter(alias -> alias.routes().stream().anyMatch(route -> route.versionArn().equals(arn)))
                .map(StateMachineAliasRecord::arn).toList();
        if (!referencing.isEmpty()) {
            throw ApiException.of("ConflictException", "Version to be deleted must not be referenced by an alias."
                    + " Current list of aliases referencing this version: " + referencing);
        }
        backend.versions().deleteVersion(arn);
        return WireJson.object();
    }
}
