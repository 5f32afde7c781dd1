package io.stepwise.it.api;

/**
 * {@link ApiLimitsTest} through Stepwise on AWS: the API function and its workers on moto, behind the loopback API
 * Gateway with the stack's binary media types, so a body that is not UTF-8 reaches the function as its bytes.
 */
class AwsApiLimitsTest extends ApiLimitsTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
