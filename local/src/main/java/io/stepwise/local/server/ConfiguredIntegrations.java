package io.stepwise.local.server;

import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.integrations.ServiceIntegrations;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsSettings;
import io.stepwise.integrations.http.EventBridgeConnections;
import io.stepwise.integrations.http.HttpConnections;
import io.stepwise.local.config.LambdaFunctions;
import io.stepwise.local.config.StepwiseConfig;
import io.stepwise.local.lambda.LocalLambdaRegistry;
import io.stepwise.runtime.MapRunIo;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/**
 * The task integrations a {@code stepwise.json} configures: its Lambda functions in-process, then the service
 * integrations on the AWS SDK (its {@code aws} section) and HTTP Tasks through its connections (then, with an
 * {@code aws} section, EventBridge's, as on AWS). Shared by {@code stepwise serve} and {@code stepwise test-state}.
 */
public final class ConfiguredIntegrations implements IntegrationRegistry, AutoCloseable {
    private final IntegrationRegistry integrations;
    private final ServiceIntegrations services;

    private ConfiguredIntegrations(IntegrationRegistry integrations, ServiceIntegrations services) {
        this.integrations = integrations;
        this.services = services;
    }

    /** @throws IllegalArgumentException when a function cannot be loaded */
    public static ConfiguredIntegrations of(StepwiseConfig config, PrintStream log) {
        var functions = LambdaFunctions.load(config, ConfiguredIntegrations.class.getClassLoader());
        LocalLambdaRegistry lambdas = new LocalLambdaRegistry(functions, Clock.systemUTC(), log);
        // Without an aws section, Lambda stays local-only (an unknown function fails without a network call);
        // other services still reach AWS with the SDK's default region and credentials.
        boolean remoteLambda = config.aws() != null;
        AwsSettings aws = remoteLambda ? config.aws() : AwsSettings.defaults();
        AwsClients clients = new AwsClients(aws);
        HttpConnections connections = HttpConnections.of(config.httpConnections());
        if (remoteLambda) {
            connections = connections.or(new EventBridgeConnections(clients));
        }
        ServiceIntegrations services = new ServiceIntegrations(clients, remoteLambda, connections);
        return new ConfiguredIntegrations(new LocalIntegrations(lambdas, services, remoteLambda), services);
    }

    @Override
    public Optional<Integration> find(String resource) {
        return integrations.find(resource);
    }

    /** The Distributed Map's ItemReader and ResultWriter on the same clients. */
    public MapRunIo mapRunIo() {
        return new MapRunIo(services.itemReader(), services.resultWriter());
    }

    @Override
    public void close() {
        services.close();
    }
}
