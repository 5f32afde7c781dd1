package io.stepwise.it.api;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** {@link ApiLimitsTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsApiLimitsTest extends ApiLimitsTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }

    @Test
    @Disabled("API Gateway hands the function a text body (the stack declares no binary media types), so bytes that "
            + "are not UTF-8 never reach it; the service checks the UTF-8 of bodies that come base64-encoded")
    @Override
    void bodiesThatAreNotUtf8AreRefused() {
    }
}
