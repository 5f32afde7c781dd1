package io.stepwise.integrations;

import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.SdkOperation;
import io.stepwise.integrations.aws.ServiceAction;
import io.stepwise.integrations.awssdk.AwsSdkResource;
import io.stepwise.integrations.dynamodb.DynamoDbIntegrations;
import io.stepwise.integrations.eventbridge.EventBridgeIntegrations;
import io.stepwise.integrations.lambda.LambdaIntegrations;
import io.stepwise.integrations.sfn.StepFunctionsIntegrations;
import io.stepwise.integrations.sns.SnsIntegrations;
import io.stepwise.integrations.sqs.SqsIntegrations;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service integrations on the AWS SDK, by {@code Resource}: the optimized SQS, SNS, DynamoDB, EventBridge and
 * Step Functions (StartExecution without {@code .sync}) integrations, and {@code aws-sdk:<service>:<action>} for every service of {@link AwsService#ALL}, each in the
 * patterns AWS supports for it. Lambda resources are served only when {@code remoteLambda} is set: locally they
 * normally go to in-process handlers, which come first.
 */
public final class ServiceIntegrations implements IntegrationRegistry, AutoCloseable {
    private static final String STATES = "arn:aws:states:::";
    private static final String WAIT_FOR_TASK_TOKEN = ".waitForTaskToken";

    private final AwsClients clients;
    private final boolean remoteLambda;
    private final Map<String, Optional<Integration>> byResource = new ConcurrentHashMap<>();

    public ServiceIntegrations(AwsClients clients, boolean remoteLambda) {
        this.clients = clients;
        this.remoteLambda = remoteLambda;
    }

    @Override
    public Optional<Integration> find(String resource) {
        return byResource.computeIfAbsent(resource, this::resolve);
    }

    private Optional<Integration> resolve(String resource) {
        Optional<AwsSdkResource> sdk = AwsSdkResource.parse(resource);
        if (sdk.isPresent()) {
            return AwsService.byResourceName(sdk.get().service())
                    .flatMap(service -> SdkOperation.find(service, sdk.get().action())
                            .map(operation -> ServiceAction.plain(clients, service, operation)));
        }
        if (resource.startsWith("arn:aws:lambda:") && resource.contains(":function:")) {
            return remoteLambda ? Optional.of(LambdaIntegrations.function(clients, resource)) : Optional.empty();
        }
        if (!resource.startsWith(STATES)) {
            return Optional.empty();
        }
        String rest = resource.substring(STATES.length());
        boolean waits = rest.endsWith(WAIT_FOR_TASK_TOKEN);
        String action = waits ? rest.substring(0, rest.length() - WAIT_FOR_TASK_TOKEN.length()) : rest;
        return switch (action) {
            case "sqs:sendMessage" -> Optional.of(SqsIntegrations.sendMessage(clients));
            case "sns:publish" -> Optional.of(SnsIntegrations.publish(clients));
            case "events:putEvents" -> Optional.of(EventBridgeIntegrations.putEvents(clients));
            case "states:startExecution" -> Optional.of(StepFunctionsIntegrations.startExecution(clients));
            case "lambda:invoke" -> remoteLambda ? Optional.of(LambdaIntegrations.invoke(clients)) : Optional.empty();
            default -> action.startsWith("dynamodb:") && !waits
                    && DynamoDbIntegrations.ACTIONS.contains(action.substring("dynamodb:".length()))
                    ? Optional.of(DynamoDbIntegrations.action(clients, action.substring("dynamodb:".length())))
                    : Optional.empty();
        };
    }

    @Override
    public void close() {
        clients.close();
    }
}
