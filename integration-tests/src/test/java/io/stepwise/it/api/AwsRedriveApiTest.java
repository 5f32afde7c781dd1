package io.stepwise.it.api;

/** {@link RedriveApiTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsRedriveApiTest extends RedriveApiTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
