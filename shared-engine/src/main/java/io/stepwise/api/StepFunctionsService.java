package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.query.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Step Functions API without a transport: an operation name and a JSON request body in, a JSON response body
 * out, or an {@link ApiException} carrying AWS's error code. HTTP servers and Lambda handlers wrap it.
 */
public final class StepFunctionsService {
    private static final System.Logger LOG = System.getLogger(StepFunctionsService.class.getName());
    private final Map<String, Operation> operations = new HashMap<>();
    private final RequestConstraints constraints = new RequestConstraints(ServiceModel.stepFunctions());
    private final ForeignArns foreignArns = new ForeignArns(ServiceModel.stepFunctions());
    private final Arns arns;

    public StepFunctionsService(Backend backend) {
        this(backend, MockResultShapes.NONE);
    }

    /** @param mockShapes checks TestState's mocked task results against the services' API shapes */
    public StepFunctionsService(Backend backend, MockResultShapes mockShapes) {
        this(backend, mockShapes, resource -> Optional.empty());
    }

    /** @param testStateTasks what TestState calls for a Task state without a mock */
    public StepFunctionsService(Backend backend, MockResultShapes mockShapes, IntegrationRegistry testStateTasks) {
        this.arns = backend.arns();
        new StateMachineOperations(backend).register(operations);
        new ExecutionOperations(backend).register(operations);
        new MapRunOperations(backend).register(operations);
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
     * Runs {@code operation} on a request body as it came off the wire. The body must be UTF-8: malformed bytes
     * are a {@code SerializationException}, never silently replaced by U+FFFD and stored.
     *
     * @throws ApiException for every error, with AWS's code
     */
    public ObjectNode handle(String operation, byte[] body) {
        return handle(operation, body, null);
    }

    /**
     * Runs {@code operation} on a request body as it came off the wire, in {@code region} (the region of the
     * request's SigV4 credential scope; {@code null} for the configured one). Resources are created and listed in
     * that region, with ARNs of its partition.
     *
     * @throws ApiException for every error, with AWS's code
     */
    public ObjectNode handle(String operation, byte[] body, String region) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.of("SerializationException", "The request body is not valid UTF-8");
        }
        return handle(operation, text, region);
    }

    /**
     * Runs {@code operation} on {@code body}. A failure that is no client error becomes {@code InternalFailure}
     * (HTTP 500) with a fixed message: what broke inside (a store, a parser) is logged here and never shown to
     * the caller.
     *
     * @throws ApiException for every error, with AWS's code
     */
    public ObjectNode handle(String operation, String body) {
        return handle(operation, body, null);
    }

    /** {@link #handle(String, String)} in {@code region}, {@code null} for the configured one. */
    public ObjectNode handle(String operation, String body, String region) {
        Operation handler = operations.get(operation);
        if (handler == null) {
            throw ApiException.of("UnknownOperationException", "Unknown operation: " + operation);
        }
        JsonNode parsed;
        try {
            parsed = body == null || body.isBlank() ? Json.MAPPER.createObjectNode() : Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.of("SerializationException", "Malformed JSON request body: "
                    + ClientMessages.of(e));
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw ApiException.of("SerializationException", "The request body must be a JSON object");
        }
        constraints.check(operation, object);
        Arns requestArns = region == null ? arns : arns.inRegion(region);
        Optional<ObjectNode> nothingToDo = foreignArns.check(operation, object, requestArns);
        if (nothingToDo.isPresent()) {
            return nothingToDo.get();
        }
        try {
            return handler.handle(new ApiRequest(object, requestArns));
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, operation + " failed", e);
            throw new ApiException("InternalFailure", "The request processing has failed because of an unknown"
                    + " error, exception or failure.", 500);
        }
    }
}
