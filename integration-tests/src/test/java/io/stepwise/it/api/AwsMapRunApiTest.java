package io.stepwise.it.api;

/** {@link MapRunApiTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsMapRunApiTest extends MapRunApiTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
