package io.stepwise.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.stepwise.query.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;

/**
 * One Java Lambda handler class loaded in-process: a {@link RequestHandler} gets the event converted to its
 * declared input type, a {@link RequestStreamHandler} the raw JSON bytes. Like the Lambda Java runtime, one
 * instance serves every invocation.
 */
public final class LambdaHandler implements LambdaFunction {
    /** The Lambda Java runtime's serializer ignores event fields the input class does not declare. */
    private static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Object instance;
    private final JavaType inputType;

    private LambdaHandler(Object instance, JavaType inputType) {
        this.instance = instance;
        this.inputType = inputType;
    }

    /** @throws IllegalArgumentException when the class is missing, not a handler or cannot be instantiated */
    public static LambdaHandler load(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("handler class not found: " + className, e);
        }
        if (!RequestHandler.class.isAssignableFrom(type) && !RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " implements neither RequestHandler nor RequestStreamHandler");
        }
        Object instance;
        try {
            instance = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot instantiate " + className
                    + " (a public no-argument constructor is required)", e);
        }
        return new LambdaHandler(instance, MAPPER.constructType(requestType(type)));
    }

    @Override
    public JsonNode invoke(JsonNode event, Context context) throws Exception {
        if (instance instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(MAPPER.writeValueAsBytes(event)), out, context);
            return out.size() == 0 ? NullNode.getInstance() : MAPPER.readTree(out.toByteArray());
        }
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) instance;
        Object result = handler.handleRequest(deserialize(event), context);
        return MAPPER.valueToTree(result);
    }

    /** Reports a payload that does not fit the input type as the Lambda Java runtime does. */
    private Object deserialize(JsonNode event) {
        try {
            return MAPPER.convertValue(event, inputType);
        } catch (IllegalArgumentException e) {
            throw new RuntimeException("An error occurred during JSON parsing", e);
        }
    }

    /** The {@code I} of {@code RequestHandler<I, O>} as declared somewhere up the class hierarchy, else Object. */
    private static Type requestType(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class) {
                    Type input = parameterized.getActualTypeArguments()[0];
                    return input instanceof TypeVariable<?> ? Object.class : input;
                }
            }
        }
        return Object.class;
    }
}
