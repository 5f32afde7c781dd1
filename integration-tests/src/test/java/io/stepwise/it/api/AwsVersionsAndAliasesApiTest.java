package io.stepwise.it.api;

/** {@link VersionsAndAliasesApiTest} through Stepwise on AWS: the API function and its workers on moto. */
class AwsVersionsAndAliasesApiTest extends VersionsAndAliasesApiTest {
    @Override
    ApiBackend startBackend() {
        return new AwsBackend();
    }
}
