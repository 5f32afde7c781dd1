package io.stepwise.it.api;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** {@link WireProtocolTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsWireProtocolTest extends WireProtocolTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }

    @Test
    @Disabled("on AWS the HTTP layer is API Gateway's: it refuses oversized headers with its own answer before the "
            + "function runs, and the loopback stand-in does not imitate that")
    @Override
    void requestsTheHttpLayerRefusesStillGetAnAwsStyleError() {
    }
}
