package io.stepwise.it.api;

/** {@link ConcurrentApiCallsTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsConcurrentApiCallsTest extends ConcurrentApiCallsTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
