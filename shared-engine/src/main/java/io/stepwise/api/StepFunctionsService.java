package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.query.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Step Functions API without a transport: an operation name and a JSON request body in, a JSON response body
 * out, or an {@link ApiException} carrying AWS's error code. HTTP servers and Lambda handlers wrap it.
 */
public final class StepFunctionsService {
    private final Map<String, Operation> operations = new HashMap<>();

    public StepFunctionsService(Backend backend) {
        this(backend, MockResultShapes.NONE);
    }

    /** @param mockShapes checks TestState's mocked task results against the services' API shapes */
    public StepFunctionsService(Backend backend, MockResultShapes mockShapes) {
        this(backend, mockShapes, resource -> Optional.empty());
    }

    /** @param testStateTasks what TestState calls for a Task state without a mock */
    public StepFunctionsService(Backend backend, MockResultShapes mockShapes, IntegrationRegistry testStateTasks) {
        new StateMachineOperations(backend).register(operations);
        new ExecutionOperations(backend).register(operations);
        new CallbackOperations(backend).register(operations);
        new TagOperations(backend).register(operations);
        new ActivityOperations(backend).register(operations);
        new VersionOperations(backend).register(operations);
        new AliasOperations(backend).register(operations);
        new TestStateOperations(backend.clock(), backend.arns(), mockShapes, testStateTasks).register(operations);
    }

    /** The operations this service answers; any other is {@code UnknownOperationException}. */
    public Set<String> operations() {
        return Set.copyOf(operations.keySet());
    }

    /**
     * Runs {@code operation} on {@code body}.
     *
     * @throws ApiException for every client error, with AWS's code
     */
    public ObjectNode handle(String operation, String body) {
        Operation handler = operations.get(operation);
        if (handler == null) {
            throw ApiException.of("UnknownOperationException", "Unknown operation: " + operation);
        }
        JsonNode parsed;
        try {
            parsed = body == null || body.isBlank() ? Json.MAPPER.createObjectNode() : Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.of("SerializationException", "Malformed JSON request body: " + e.getMessage());
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw ApiException.of("SerializationException", "The request body must be a JSON object");
        }
        return handler.handle(new ApiRequest(object));
    }
}
