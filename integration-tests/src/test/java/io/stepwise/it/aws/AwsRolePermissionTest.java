package io.stepwise.it.aws;

import io.stepwise.integrations.ServiceIntegrations;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsSettings;
import io.stepwise.integrations.http.EventBridgeConnections;
import io.stepwise.it.LocalClients;
import io.stepwise.it.RolePermissionContract;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The stack's functions on the shared moto, their task integrations wired as {@code AwsRuntime.fromEnvironment}
 * wires them (always as the state machine's role) but calling the IAM-enforcing moto with the workers' IAM user's
 * key, as the task function's execution role would call AWS.
 */
class AwsRolePermissionTest extends RolePermissionContract {
    private static AwsDeployment deployment;
    private static SfnClient sfn;

    @BeforeAll
    static void deploy() throws Exception {
        AwsClients clients = new AwsClients(new AwsSettings(REGION, moto.endpoint(), Map.of(),
                workerKey.accessKeyId(), workerKey.secretAccessKey(), true));
        deployment = AwsDeployment.start(new ServiceIntegrations(clients, true, new EventBridgeConnections(clients)),
                AwsDeployment.Options.defaults());
        sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void undeploy() throws Exception {
        if (sfn != null) {
            sfn.close();
        }
        if (deployment != null) {
            deployment.close();
        }
    }

    @Override
    protected SfnClient sfn() {
        return sfn;
    }
}
