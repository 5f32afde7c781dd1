package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * A failure inside the store is the server's fault: it is reported as {@code InternalFailure} (HTTP 500) without
 * the store's text, never as a client error such as {@code InvalidToken}.
 */
class StoreFailureApiTest extends ApiServerTest {
    @Override
    SfnClient client(ApiBackend server) {
        return withoutRetries(server);
    }

    @Test
    void aRowTheStoreCannotReadIsAnInternalFailure() throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("m").roleArn(ROLE).definition("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""")).stateMachineArn();
        sfn.startExecution(b -> b.stateMachineArn(machine));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("stepwise.db"));
                Statement corrupt = db.createStatement()) {
            corrupt.execute("PRAGMA busy_timeout = 5000");
            corrupt.executeUpdate("UPDATE executions SET status = 'NO_SUCH_STATUS'");
        }

        SfnException failure = null;
        try {
            sfn.listExecutions(b -> b.stateMachineArn(machine));
        } catch (SfnException e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        assertThat(failure.statusCode()).isEqualTo(500);
        assertThat(failure.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
        assertThat(failure.awsErrorDetails().errorMessage()).doesNotContain("NO_SUCH_STATUS", "enum", "java",
                "io.stepwise");
    }
}
