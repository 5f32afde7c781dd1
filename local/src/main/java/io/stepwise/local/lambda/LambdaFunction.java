package io.stepwise.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;

/** A Lambda function Stepwise invokes without AWS: a handler class in this JVM or an HTTP endpoint. */
public interface LambdaFunction {
    /** Runs the function on {@code event}; whatever it throws is the function error. */
    JsonNode invoke(JsonNode event, Context context) throws Exception;
}
