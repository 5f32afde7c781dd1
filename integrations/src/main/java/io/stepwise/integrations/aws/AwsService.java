package io.stepwise.integrations.aws;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A service the integrations can call, with the SDK client that calls it.
 *
 * @param names       the names that select it: the {@code aws-sdk:<name>:…} resource name first, then aliases used by
 *                    optimized integrations ({@code events}, {@code states}) — each also a key of the endpoint map
 * @param client      the SDK v2 client interface
 * @param errorPrefix the service part of AWS SDK integration error names ({@code <ServiceName>.<ErrorName>}, both
 *                    PascalCase), which is the SDK client's name: {@code DynamoDb.ConditionalCheckFailedException}
 */
public record AwsService(List<String> names, Class<? extends SdkClient> client, String errorPrefix) {

    public static final AwsService S3 = new AwsService(List.of("s3"), S3Client.class, "S3");
    public static final AwsService DYNAMODB = new AwsService(List.of("dynamodb"), DynamoDbClient.class, "DynamoDb");
    public static final AwsService SQS = new AwsService(List.of("sqs"), SqsClient.class, "Sqs");
    public static final AwsService SNS = new AwsService(List.of("sns"), SnsClient.class, "Sns");
    public static final AwsService EVENTBRIDGE =
            new AwsService(List.of("eventbridge", "events"), EventBridgeClient.class, "EventBridge");
    public static final AwsService LAMBDA = new AwsService(List.of("lambda"), LambdaClient.class, "Lambda");
    public static final AwsService SFN = new AwsService(List.of("sfn", "states"), SfnClient.class, "Sfn");
    public static final AwsService STS = new AwsService(List.of("sts"), StsClient.class, "Sts");
    public static final AwsService SECRETS_MANAGER =
            new AwsService(List.of("secretsmanager"), SecretsManagerClient.class, "SecretsManager");

    /** Every service on the classpath, which is every service {@code aws-sdk:} resources can name. */
    public static final List<AwsService> ALL = List.of(S3, DYNAMODB, SQS, SNS, EVENTBRIDGE, LAMBDA, SFN, STS,
            SECRETS_MANAGER);

    public AwsService {
        names = List.copyOf(names);
    }

    public String name() {
        return names.get(0);
    }

    /** The service an {@code aws-sdk:<name>:<action>} resource names. */
    public static Optional<AwsService> byResourceName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Whether {@code name} is one of the names an endpoint can be configured under. */
    public static boolean isKnownName(String name) {
        return ALL.stream().anyMatch(s -> s.names().contains(name));
    }
}
