package io.stepwise.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkClient;

/**
 * A Task that calls one action of one service: parameters (after {@code prepare}) to the SDK request, the
 * response to JSON, errors to {@code errors}' names. Optimized integrations add the HTTP metadata AWS shows and
 * their own parameter conveniences through {@code prepare} and {@code finish}.
 *
 * @param prepare  turns the Task's parameters into the API's, e.g. a JSON MessageBody into its text
 * @param finish   the Task's output from the response's JSON; throws {@link RefusedResponse} for a response the
 *                 service accepted but the integration fails ({@code EventBridge.FailedEntry})
 * @param metadata whether the output carries {@code SdkHttpMetadata}/{@code SdkResponseMetadata}
 */
public record ServiceAction(AwsClients clients, AwsService service, SdkOperation operation, ErrorNames errors,
                            BiFunction<TaskRequest, JsonNode, JsonNode> prepare,
                            Function<JsonNode, JsonNode> finish,
                            boolean metadata) implements Integration {

    /** The AWS SDK integration form: parameters as given, output as the API returns it. */
    public static ServiceAction plain(AwsClients clients, AwsService service, SdkOperation operation) {
        return new ServiceAction(clients, service, operation, ErrorNames.awsSdk(service), (r, p) -> p,
                Function.identity(), false);
    }

    @Override
    public TaskOutcome invoke(TaskRequest request) {
        return ServiceCall.run(request, errors, r -> {
            JsonNode parameters = prepare.apply(r, r.input() == null ? ServiceParameters.empty() : r.input());
            SdkClient client = clients.client(service);
            SdkOperation.Result result = operation.call(client, parameters, ServiceCall.credentials(clients, r));
            JsonNode output = result.json();
            if (metadata && output instanceof ObjectNode object) {
                HttpMetadata.addTo(object, result.response());
            }
            return finish.apply(output);
        });
    }
}
