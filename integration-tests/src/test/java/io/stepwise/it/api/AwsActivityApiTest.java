package io.stepwise.it.api;

/** {@link ActivityApiTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsActivityApiTest extends ActivityApiTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
