package io.stepwise.local.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostPolicyTest {
    @Test
    void onLoopbackOnlyLoopbackNamesOnAnyPortAreAllowed() {
        HostPolicy policy = HostPolicy.forBinding("127.0.0.1");

        assertThat(policy.allows("localhost")).isTrue();
        assertThat(policy.allows("LocalHost:8083")).isTrue();
        assertThat(policy.allows("127.0.0.1:9")).isTrue();
        assertThat(policy.allows("[::1]:8083")).isTrue();
        assertThat(policy.allows("[::1]")).isTrue();
        assertThat(policy.allows("evil.example")).isFalse();
        assertThat(policy.allows("evil.example:8083")).isFalse();
        assertThat(policy.allows("localhost.evil.example")).isFalse();
        assertThat(policy.allows("127.0.0.2")).isFalse();
        assertThat(policy.allows("")).isFalse();
        assertThat(policy.allows(null)).isFalse();
    }

    @Test
    void theBoundLoopbackNameIsAllowedToo() {
        assertThat(HostPolicy.forBinding("127.0.0.2").allows("127.0.0.2:8083")).isTrue();
    }

    @Test
    void boundBeyondLoopbackAnyNameIsAllowedBecauseRequestsMustBeSigned() {
        assertThat(HostPolicy.isLoopback("0.0.0.0")).isFalse();
        assertThat(HostPolicy.isLoopback("localhost")).isTrue();
        assertThat(HostPolicy.isLoopback("::1")).isTrue();
        assertThat(HostPolicy.forBinding("0.0.0.0").allows("build-box.internal:8083")).isTrue();
    }
}
