package io.stepwise.it.api;

/** {@link TaskTokenForgeryTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsTaskTokenForgeryTest extends TaskTokenForgeryTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
