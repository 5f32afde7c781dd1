package io.stepwise.it.api;

/** {@link SfnClientApiTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsSfnClientApiTest extends SfnClientApiTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
