package io.stepwise.it.conformance.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.stepwise.query.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code return_decorated_input}: returns {@code 'input-event-' + str(event)}, Python's {@code str} of the event. */
public final class ReturnDecoratedInput implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String decorated = "input-event-" + PythonRepr.of(Json.MAPPER.readTree(input));
        output.write(Json.MAPPER.writeValueAsBytes(decorated));
    }
}
