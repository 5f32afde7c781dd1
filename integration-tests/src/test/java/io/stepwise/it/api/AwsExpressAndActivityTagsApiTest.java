package io.stepwise.it.api;

/** {@link ExpressAndActivityTagsApiTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsExpressAndActivityTagsApiTest extends ExpressAndActivityTagsApiTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
