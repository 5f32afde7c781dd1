package io.stepwise.it.api;

/** {@link PoisonExpressionApiTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsPoisonExpressionApiTest extends PoisonExpressionApiTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
