package io.stepwise.local.cli;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A handler with a POJO input type, to show the event is converted to the declared type. */
public class GreetingHandler implements RequestHandler<GreetingHandler.Request, Map<String, Object>> {

    public static class Request {
        public String name;
    }

    @Override
    public Map<String, Object> handleRequest(Request request, Context context) {
        context.getLogger().log("greeting " + request.name + "\n");
        return Map.of("greeting", "Hello, " + request.name + "!", "function", context.getFunctionName());
    }
}
