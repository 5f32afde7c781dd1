package io.stepwise.it.api;

import io.stepwise.it.aws.AwsDeployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Stepwise as deployed on AWS, on moto: the API function behind the loopback API Gateway and the SQS-fed workers
 * ({@link AwsDeployment}), on the wall clock as the API tests expect, a fresh deployment (tables and queues of its
 * own) per test. Skips the test when no moto server is configured.
 */
final class AwsBackend implements ApiBackend {
    private final TestIntegrations integrations = new TestIntegrations();
    private final AwsDeployment deployment;
    private final SfnClient sfn;

    AwsBackend() {
        try {
            deployment = AwsDeployment.start(integrations, AwsDeployment.Options.defaults().withRealTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sfn = LocalServer.client(deployment.apiPort());
    }

    @Override
    public SfnClient sfn() {
        return sfn;
    }

    @Override
    public int port() {
        return deployment.apiPort();
    }

    @Override
    public TestIntegrations integrations() {
        return integrations;
    }

    @Override
    public void close() {
        sfn.close();
        try {
            deployment.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
