package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resources of another region or account are not there for a request: each region of Step Functions is its own
 * service, and an ARN naming another region finds nothing in this one. A request naming such a resource directly is
 * answered as for a resource that does not exist, with the error the operation declares for it (the store, keyed by
 * the full ARN, would otherwise find it). An operation that declares no such error (the Delete* operations, which
 * succeed for a missing resource) does nothing.
 */
final class ForeignArns {
    private static final Pattern STATES_ARN = Pattern.compile("arn:[^:]+:states:[^:]*:[^:]*:.+");

    /** The request members that name a resource, with the error and message AWS gives when it does not exist. */
    private static final Map<String, String[]> MISSING = Map.of(
            "stateMachineArn", new String[] {"StateMachineDoesNotExist", "State Machine Does Not Exist: '%s'"},
            "executionArn", new String[] {"ExecutionDoesNotExist", "Execution Does Not Exist: '%s'"},
            "activityArn", new String[] {"ActivityDoesNotExist", "Activity Does Not Exist: '%s'"},
            "resourceArn", new String[] {"ResourceNotFound", "Resource not found: '%s'"},
            "stateMachineAliasArn", new String[] {"ResourceNotFound", "Resource not found: '%s'"},
            "stateMachineVersionArn", new String[] {"ResourceNotFound", "Resource not found: '%s'"},
            "mapRunArn", new String[] {"ResourceNotFound", "Resource not found: '%s'"});

    private final ServiceModel model;

    ForeignArns(ServiceModel model) {
        this.model = model;
    }

    /**
     * Throws the operation's not-found error if {@code request} names a resource outside {@code arns}' region and
     * account; returns an empty response for an operation that declares none (nothing to do), else empty.
     */
    Optional<ObjectNode> check(String operation, ObjectNode request, Arns arns) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = request.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String[] missing = MISSING.get(field.getKey());
            if (missing == null || !field.getValue().isTextual()) {
                continue;
            }
            String arn = field.getValue().textValue();
            if (!STATES_ARN.matcher(arn).matches() || arns.owns(arn)) {
                continue;
            }
            Set<String> declared = model.errors(operation);
            if (declared.contains(missing[0])) {
                throw ApiException.of(missing[0], missing[1].formatted(arn));
            }
            if (operation.startsWith("Delete")) {
                return Optional.of(WireJson.object());
            }
        }
        return Optional.empty();
    }
}
