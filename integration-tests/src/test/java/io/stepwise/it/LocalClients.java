package io.stepwise.it;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The AWS SDK's Step Functions client pointed at a local server, configured once for every suite. */
public final class LocalClients {
    private LocalClients() {
    }

    /**
     * A client of the server on {@code port} whose calls give up after {@code callTimeout}; keep it longer than
     * GetActivityTask's 60-second long poll where workers poll, or the server hands the next task to a connection
     * nobody reads.
     */
    public static SfnClient to(int port, Duration callTimeout) {
        return to(port, callTimeout, c -> { });
    }

    /** As {@link #to(int, Duration)}, with the configuration adjusted further, e.g. to turn retries off. */
    public static SfnClient to(int port, Duration callTimeout, Consumer<ClientOverrideConfiguration.Builder> configure) {
        return SfnClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(callTimeout).build())
                // StartSyncExecution's model adds the host prefix "sync-", which names no host locally.
                .overrideConfiguration(c -> configure.accept(c.apiCallTimeout(callTimeout)
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)))
                .build();
    }
}
