package io.stepwise.it.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A Lambda handler that {@code stepwise serve --config} loads in-process. */
public class ShoutHandler implements RequestHandler<Map<String, String>, Map<String, String>> {
    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        if (event.containsKey("fail")) {
            throw new IllegalStateException(event.get("fail"));
        }
        return Map.of("shout", event.get("word").toUpperCase() + "!");
    }
}
