package io.stepwise.it.api;

/** {@link ServiceModelContractTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsServiceModelContractTest extends ServiceModelContractTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
