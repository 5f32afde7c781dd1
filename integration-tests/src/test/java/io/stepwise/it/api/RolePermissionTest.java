package io.stepwise.it.api;

import io.stepwise.it.RolePermissionContract;
import io.stepwise.local.server.ServeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;

/** {@code stepwise serve} with {@code aws.assumeStateMachineRole}, its credentials the workers' IAM user's. */
class RolePermissionTest extends RolePermissionContract {
    @TempDir
    static Path dir;
    private static LocalServer server;

    @BeforeAll
    static void serve() throws Exception {
        Path config = dir.resolve("stepwise.json");
        Files.writeString(config, """
                {"aws": {"region": "%s", "endpoint": "%s", "assumeStateMachineRole": true,
                         "credentials": {"accessKeyId": "%s", "secretAccessKey": "%s"}}}
                """.formatted(REGION, moto.endpoint(), workerKey.accessKeyId(), workerKey.secretAccessKey()));
        server = new LocalServer(ServeOptions.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withConfig(config));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected SfnClient sfn() {
        return server.sfn;
    }
}
