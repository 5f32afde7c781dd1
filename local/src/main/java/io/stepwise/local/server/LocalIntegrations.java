package io.stepwise.local.server;

import io.stepwise.asl.ResourceArn;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.local.lambda.LocalLambdaRegistry;
import java.util.Optional;

/**
 * The integrations of {@code stepwise serve}: local Lambda functions first, then the service integrations on the
 * AWS SDK. {@code lambda:invoke} goes to a local function when one of its FunctionName is configured, else — with
 * {@code remoteLambda} — to the Lambda API.
 */
final class LocalIntegrations implements IntegrationRegistry {
    private final LocalLambdaRegistry lambdas;
    private final IntegrationRegistry services;
    private final boolean remoteLambda;

    LocalIntegrations(LocalLambdaRegistry lambdas, IntegrationRegistry services, boolean remoteLambda) {
        this.lambdas = lambdas;
        this.services = services;
        this.remoteLambda = remoteLambda;
    }

    @Override
    public Optional<Integration> find(String resource) {
        Optional<Integration> local = lambdas.find(resource);
        if (remoteLambda && ResourceArn.parse(resource).orElse(null) instanceof ResourceArn.ServiceIntegration service
                && service.is("lambda", "invoke")) {
            Optional<Integration> remote = services.find(resource);
            if (remote.isEmpty()) {
                return local;
            }
            if (local.isEmpty()) {
                return remote;
            }
            return Optional.of(request -> lambdas.serves(request.input().path("FunctionName").asText(""))
                    ? local.get().invoke(request) : remote.get().invoke(request));
        }
        return local.isPresent() ? local : services.find(resource);
    }
}
