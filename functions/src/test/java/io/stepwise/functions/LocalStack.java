package io.stepwise.functions;

import java.net.URI;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One LocalStack container for every LocalStack test of the run, started on first use. The tests that use it are
 * annotated {@code @Testcontainers(disabledWithoutDocker = true)}: without a Docker engine JUnit reports them
 * skipped with that reason and this class never starts anything. LocalStack, unlike moto, runs Lambda functions'
 * code (in containers of its own, through the Docker socket).
 */
public final class LocalStack {
    /** Pinned, so a new LocalStack release cannot change what the suite tests against. */
    public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

    private static LocalStackContainer container;

    private LocalStack() {
    }

    public static synchronized LocalStackContainer container() {
        if (container == null) {
            container = new LocalStackContainer(IMAGE)
                    .withEnv("LAMBDA_DOCKER_FLAGS", "--add-host=host.docker.internal:host-gateway")
                    .withFileSystemBind("/var/run/docker.sock", "/var/run/docker.sock");
            container.start();
        }
        return container;
    }

    public static URI endpoint() {
        return container().getEndpoint();
    }

    public static String region() {
        return container().getRegion();
    }

    public static DynamoDbClient dynamo() {
        return clients().dynamo();
    }

    public static SqsClient sqs() {
        return clients().sqs();
    }

    public static LambdaClient lambda() {
        return clients().lambda();
    }

    private static EmulatorClients clients() {
        return new EmulatorClients(endpoint(), Region.of(region()), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(container().getAccessKey(), container().getSecretKey())));
    }
}
