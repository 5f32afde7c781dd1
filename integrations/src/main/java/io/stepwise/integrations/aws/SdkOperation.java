package io.stepwise.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * One API action of an SDK client, found by reflection from its camelCase name (the {@code <action>} of
 * {@code aws-sdk:<service>:<action>}, which is the client method's name). Streaming actions are called in their
 * whole-payload form: an output stream comes back as the member {@code Body} (S3 GetObject), an input stream is
 * taken from the parameter {@code Body} (S3 PutObject).
 */
public final class SdkOperation {
    private static final String BODY = "Body";

    private enum Shape { PLAIN, STREAMING_OUTPUT, STREAMING_INPUT }

    private final Method method;
    private final Class<?> requestType;
    private final Shape shape;

    private SdkOperation(Method method, Class<?> requestType, Shape shape) {
        this.method = method;
        this.requestType = requestType;
        this.shape = shape;
    }

    /** The action {@code action} of {@code service}'s client, or empty when the client has none of that name. */
    public static Optional<SdkOperation> find(AwsService service, String action) {
        Method[] methods = service.client().getMethods();
        Optional<Method> plain = Arrays.stream(methods)
                .filter(m -> m.getName().equals(action) && m.getParameterCount() == 1
                        && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])
                        && SdkResponse.class.isAssignableFrom(m.getReturnType()))
                .findFirst();
        if (plain.isPresent()) {
            return Optional.of(new SdkOperation(plain.get(), plain.get().getParameterTypes()[0], Shape.PLAIN));
        }
        Optional<Method> bytes = Arrays.stream(methods)
                .filter(m -> m.getName().equals(action + "AsBytes") && m.getParameterCount() == 1
                        && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0]))
                .findFirst();
        if (bytes.isPresent()) {
            return Optional.of(new SdkOperation(bytes.get(), bytes.get().getParameterTypes()[0], Shape.STREAMING_OUTPUT));
        }
        return Arrays.stream(methods)
                .filter(m -> m.getName().equals(action) && m.getParameterCount() == 2
                        && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])
                        && m.getParameterTypes()[1] == RequestBody.class)
                .findFirst()
                .map(m -> new SdkOperation(m, m.getParameterTypes()[0], Shape.STREAMING_INPUT));
    }

    /**
     * Calls the action with {@code parameters} and answers the response.
     *
     * @throws InvalidParameter when the parameters do not fit the request
     * @throws software.amazon.awssdk.core.exception.SdkException as the SDK raises it
     */
    public Result call(SdkClient client, JsonNode parameters) {
        return call(client, parameters, null);
    }

    /**
     * Calls the action as {@link #call(SdkClient, JsonNode)} does, with {@code credentials} for this request
     * instead of the client's own when not {@code null}.
     */
    public Result call(SdkClient client, JsonNode parameters, AwsCredentialsProvider credentials) {
        JsonNode members = parameters;
        RequestBody body = null;
        if (shape == Shape.STREAMING_INPUT && parameters.isObject()) {
            ObjectNode copy = ((ObjectNode) parameters).deepCopy();
            JsonNode given = copy.remove(BODY);
            body = given == null || given.isNull() ? RequestBody.empty()
                    : RequestBody.fromString(given.isTextual() ? given.textValue() : Json.write(given));
            members = copy;
        }
        SdkRequest request = request(members);
        if (credentials != null && request instanceof AwsRequest aws) {
            request = aws.toBuilder().overrideConfiguration(o -> o.credentialsProvider(credentials)).build();
        }
        Object returned;
        try {
            returned = shape == Shape.STREAMING_INPUT ? method.invoke(client, request, body)
                    : method.invoke(client, request);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        if (returned instanceof ResponseBytes<?> bytes) {
            SdkResponse response = (SdkResponse) bytes.response();
            ObjectNode json = (ObjectNode) SdkJson.of(response);
            json.put(BODY, SdkJson.text(bytes.asByteArray()));
            return new Result(response, json);
        }
        SdkResponse response = (SdkResponse) returned;
        return new Result(response, SdkJson.of(response));
    }

    private SdkRequest request(JsonNode parameters) {
        Object builder;
        try {
            builder = requestType.getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no builder on " + requestType.getName(), e);
        }
        SdkRequests.fill((SdkPojo) builder, parameters, "");
        return (SdkRequest) ((SdkBuilder<?, ?>) builder).build();
    }

    /** A response and its JSON form. */
    public record Result(SdkResponse response, JsonNode json) {
    }
}
