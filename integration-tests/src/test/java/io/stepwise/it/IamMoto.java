package io.stepwise.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A moto server of a test's own that, once {@link #enforce() enforcing}, authenticates every request's signature and
 * authorizes its action as IAM would: a user's access key by the user's policies, {@code sts:AssumeRole} by the
 * caller's policies and the role's trust policy, and an assumed role's session credentials by the role's policies.
 * moto enforces IAM for the whole server, so the shared server of the other suites cannot do it; this one runs as a
 * subprocess on a free loopback port from the moto that {@code ./test} installs ({@code STEPWISE_MOTO_HOME}, else
 * {@code target/moto} of the repository) and is stopped by {@link #close()}. Without moto or Python the test is
 * skipped and says why.
 *
 * <p>Users, roles, queues and tables are made before enforcing, with no credentials checked; after it, calls need an
 * IAM user's key ({@link #createUser}) or an assumed role's credentials.
 */
public final class IamMoto implements AutoCloseable {
    public static final String ACCOUNT = "123456789012";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    private IamMoto(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts a server that enforces nothing until {@link #enforce()}; skips the calling test without moto. */
    public static IamMoto start() throws IOException, InterruptedException {
        Path home = home();
        Assumptions.assumeTrue(home != null, "no moto installation: set STEPWISE_MOTO_HOME (./test installs moto"
                + " into target/moto) to run the role permission tests");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createDirectories(Path.of("target")).resolve("iam-moto-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder("python3", home.resolve("bin/moto_server").toString(),
                "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().merge("PYTHONPATH", home.toString(), (old, added) -> added + ":" + old);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            Assumptions.abort("could not run python3 for moto: " + e.getMessage());
            throw e;
        }
        IamMoto moto = new IamMoto(process, URI.create("http://127.0.0.1:" + port));
        moto.awaitStarted(log);
        return moto;
    }

    private static Path home() {
        String configured = System.getProperty("stepwise.moto.home", System.getenv("STEPWISE_MOTO_HOME"));
        Stream<Path> candidates = configured != null && !configured.isBlank() ? Stream.of(Path.of(configured))
                : Stream.of(Path.of("target/moto"), Path.of("../target/moto"));
        return candidates.filter(p -> Files.isRegularFile(p.resolve("bin/moto_server")))
                .map(Path::toAbsolutePath).findFirst().orElse(null);
    }

    private void awaitStarted(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            try {
                // Also the readiness probe: "inf" leaves every request unchecked until enforce().
                setAuthCount("inf");
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroy();
                    throw new IllegalStateException("moto did not start; see " + log.toAbsolutePath(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** From now on every request is authenticated and authorized. */
    public void enforce() {
        try {
            setAuthCount("0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** moto's switch: how many more requests go unchecked before it starts checking each one. */
    private void setAuthCount(String count) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset-auth"))
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(count)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("moto refused reset-auth: " + response.statusCode() + " " + response.body());
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** An IAM user with an access key, allowed {@code actions} on every resource. */
    public AccessKey createUser(String name, List<String> actions) {
        try (IamClient iam = iam()) {
            iam.createUser(b -> b.userName(name));
            iam.putUserPolicy(b -> b.userName(name).policyName(name + "-policy").policyDocument(allow(actions)));
            return iam.createAccessKey(b -> b.userName(name)).accessKey();
        }
    }

    /** A role that {@code trustedPrincipal} may assume, allowed {@code actions} on every resource; its ARN. */
    public String createRole(String name, String trustedPrincipal, List<String> actions) {
        String trust = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "%s"},
                  "Action": "sts:AssumeRole"}]}""".formatted(trustedPrincipal);
        try (IamClient iam = iam()) {
            String arn = iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
            iam.putRolePolicy(b -> b.roleName(name).policyName(name + "-policy").policyDocument(allow(actions)));
            return arn;
        }
    }

    public static String userArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":user/" + name;
    }

    /** A standard queue; its URL. */
    public String createQueue(String name) {
        try (SqsClient sqs = client(SqsClient.builder())) {
            return sqs.createQueue(b -> b.queueName(name)).queueUrl();
        }
    }

    /** An on-demand table keyed by the string attribute {@code id}. */
    public void createTable(String name) {
        try (DynamoDbClient dynamo = client(DynamoDbClient.builder())) {
            dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
        }
    }

    private static String allow(List<String> actions) {
        String quoted = String.join(", ", actions.stream().map(a -> "\"" + a + "\"").toList());
        return """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [%s], "Resource": "*"}]}"""
                .formatted(quoted);
    }

    private IamClient iam() {
        return client(IamClient.builder());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("setup", "setup")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
