package io.stepwise.integrations;

import io.stepwise.asl.IntegrationPattern;
import io.stepwise.asl.ResourceArn;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.ItemReader;
import io.stepwise.engine.port.ResultWriter;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.SdkOperation;
import io.stepwise.integrations.aws.ServiceAction;
import io.stepwise.integrations.dynamodb.DynamoDbIntegrations;
import io.stepwise.integrations.eventbridge.EventBridgeIntegrations;
import io.stepwise.integrations.http.HttpConnections;
import io.stepwise.integrations.http.HttpInvoke;
import io.stepwise.integrations.lambda.LambdaIntegrations;
import io.stepwise.integrations.s3.S3ItemReader;
import io.stepwise.integrations.s3.S3ResultWriter;
import io.stepwise.integrations.sfn.StepFunctionsIntegrations;
import io.stepwise.integrations.sns.SnsIntegrations;
import io.stepwise.integrations.sqs.SqsIntegrations;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service integrations on the AWS SDK, by {@code Resource}: the optimized SQS, SNS, DynamoDB, EventBridge and
 * Step Functions (StartExecution without {@code .sync}) integrations, the HTTP Task ({@code http:invoke}, authorized by
 * the EventBridge connections of {@link HttpConnections}), and {@code aws-sdk:<service>:<action>} for every service of
 * {@link AwsService#ALL}, each in the patterns AWS supports for it. Lambda resources are served only when {@code remoteLambda} is set: locally they
 * normally go to in-process handlers, which come first.
 */
public final class ServiceIntegrations implements IntegrationRegistry, AutoCloseable {

    private final AwsClients clients;
    private final boolean remoteLambda;
    private final HttpConnections connections;
    private HttpInvoke http;
    private final Map<String, Optional<Integration>> byResource = new ConcurrentHashMap<>();
    private final ItemReader itemReader;
    private final ResultWriter resultWriter;

    /** Without HTTP connections: every HTTP Task fails as its connection does not exist. */
    public ServiceIntegrations(AwsClients clients, boolean remoteLambda) {
        this(clients, remoteLambda, HttpConnections.NONE);
    }

    public ServiceIntegrations(AwsClients clients, boolean remoteLambda, HttpConnections connections) {
        this.clients = clients;
        this.remoteLambda = remoteLambda;
        this.itemReader = new S3ItemReader(clients);
        this.resultWriter = new S3ResultWriter(clients);
        this.connections = connections;
    }

    /**
     * The Distributed Map's ItemReader ({@code s3:getObject}, {@code s3:listObjectsV2}), calling S3 with the same
     * endpoint, credentials and roles as these integrations.
     */
    public ItemReader itemReader() {
        return itemReader;
    }

    /** The Distributed Map's ResultWriter ({@code s3:putObject}), configured like {@link #itemReader()}. */
    public ResultWriter resultWriter() {
        return resultWriter;
    }

    /** Made on first use: its HTTP client starts a selector thread, which most configurations never need. */
    private synchronized HttpInvoke http() {
        if (http == null) {
            http = new HttpInvoke(connections, clients.settings().region(), Clock.systemUTC());
        }
        return http;
    }

    @Override
    public Optional<Integration> find(String resource) {
        return byResource.computeIfAbsent(resource, this::resolve);
    }

    /**
     * The integration a resource names, in any partition: the one place that tells {@link ResourceArn}'s cases
     * apart. Optimized integrations and {@code aws-sdk:} serve the request-response and {@code .waitForTaskToken}
     * patterns (DynamoDB request-response only); {@code .sync} is served by none of them.
     */
    private Optional<Integration> resolve(String resource) {
        ResourceArn arn = ResourceArn.parse(resource).orElse(null);
        if (arn instanceof ResourceArn.ServiceIntegration service) {
            return service.pattern().isSync() ? Optional.empty() : service.awsSdk() ? sdk(service) : optimized(service);
        }
        if (arn instanceof ResourceArn.LambdaFunction function) {
            return remoteLambda ? Optional.of(LambdaIntegrations.function(clients, function.text())) : Optional.empty();
        }
        // Activities are worked by activity workers, not here; other ARNs and non-ARNs name nothing served here.
        return Optional.empty();
    }

    private Optional<Integration> sdk(ResourceArn.ServiceIntegration resource) {
        if (resource.action().contains(":") || resource.action().contains(".")) {
            return Optional.empty();
        }
        return AwsService.byResourceName(resource.service())
                .flatMap(service -> SdkOperation.find(service, resource.action())
                        .map(operation -> ServiceAction.plain(clients, service, operation)));
    }

    private Optional<Integration> optimized(ResourceArn.ServiceIntegration resource) {
        boolean waits = resource.pattern() == IntegrationPattern.WAIT_FOR_TASK_TOKEN;
        return switch (resource.service() + ":" + resource.action()) {
            case "sqs:sendMessage" -> Optional.of(SqsIntegrations.sendMessage(clients));
            case "sns:publish" -> Optional.of(SnsIntegrations.publish(clients));
            case "events:putEvents" -> Optional.of(EventBridgeIntegrations.putEvents(clients));
            case "states:startExecution" -> Optional.of(StepFunctionsIntegrations.startExecution(clients));
            case "http:invoke" -> waits ? Optional.empty() : Optional.of(http());
            case "lambda:invoke" -> remoteLambda ? Optional.of(LambdaIntegrations.invoke(clients)) : Optional.empty();
            default -> resource.service().equals("dynamodb") && !waits
                    && DynamoDbIntegrations.ACTIONS.contains(resource.action())
                    ? Optional.of(DynamoDbIntegrations.action(clients, resource.action()))
                    : Optional.empty();
        };
    }

    @Override
    public void close() {
        clients.close();
    }
}
