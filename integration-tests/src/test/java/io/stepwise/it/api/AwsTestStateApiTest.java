package io.stepwise.it.api;

/** {@link TestStateApiTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsTestStateApiTest extends TestStateApiTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
