package io.stepwise.it.api;

/** {@link NestedSyncExecutionTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsNestedSyncExecutionTest extends NestedSyncExecutionTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
