package io.stepwise.it.api;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * The fixture the API tests share: a fresh backend for every test — a {@link LocalServer} on its own data directory
 * unless a subclass {@linkplain #startBackend() starts another} (the {@code Aws…Test}s start an {@link AwsBackend}) —
 * and the client the test calls it through.
 */
abstract class ApiServerTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/stepwise";

    @TempDir
    Path dataDir;
    ApiBackend server;
    SfnClient sfn;

    @BeforeEach
    final void startServer() {
        server = startBackend();
        sfn = client(server);
    }

    @AfterEach
    final void stopServer() {
        if (server == null) {
            return;
        }
        if (sfn != server.sfn()) {
            sfn.close();
        }
        server.close();
    }

    /** The Stepwise this test calls, started afresh for every test. */
    ApiBackend startBackend() {
        return new LocalServer(dataDir, false);
    }

    /** The client {@link #sfn} is; the server's own unless a test needs another, see {@link #withoutRetries}. */
    SfnClient client(ApiBackend server) {
        return server.sfn();
    }

    /** A client that does not retry, for tests that must see every server error rather than have a retry hide it. */
    static SfnClient withoutRetries(ApiBackend server) {
        return LocalServer.client(server.port(), c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    String createMachine(String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    String createMachine(String name, StateMachineType type, String definition) {
        return sfn.createStateMachine(b -> b.name(name).type(type).roleArn(ROLE).definition(definition))
                .stateMachineArn();
    }
}
