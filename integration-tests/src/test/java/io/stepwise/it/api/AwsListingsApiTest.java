package io.stepwise.it.api;

/** {@link ListingsApiTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsListingsApiTest extends ListingsApiTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
