package io.stepwise.it.api;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** {@link ApiFidelityTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsApiFidelityTest extends ApiFidelityTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }

    @Test
    @Disabled("restarts the local server on its data directory; the API function holds nothing between calls, and "
            + "what DynamoDB keeps of a machine is covered by the store contracts on moto")
    @Override
    void encryptionConfigurationsSurviveARestart() {
    }
}
