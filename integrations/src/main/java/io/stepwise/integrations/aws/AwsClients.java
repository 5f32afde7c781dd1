package io.stepwise.integrations.aws;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds and keeps one SDK client per service and role. Clients are thread-safe and hold connection pools, so
 * they are made once; a role's credentials come from STS AssumeRole and are refreshed by the SDK shortly before
 * they expire.
 */
public final class AwsClients implements AutoCloseable {
    /** Lambda functions may run 15 minutes; a shorter socket timeout would cut a synchronous invoke short. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(15);
    /** Assumed-role sessions kept at once; one per running execution and role is the working set. */
    private static final int SESSIONS = 512;

    private final AwsSettings settings;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider baseCredentials;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private final Map<String, StsAssumeRoleCredentialsProvider> roles = new ConcurrentHashMap<>();
    private final Map<RoleSession, StsAssumeRoleCredentialsProvider> sessions = RoleSession.cache(SESSIONS);

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
        // Set explicitly: with several HTTP clients on the classpath the SDK would otherwise pick one silently.
        this.http = UrlConnectionHttpClient.builder().socketTimeout(SOCKET_TIMEOUT).build();
        this.baseCredentials = settings.accessKeyId() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    }

    public AwsSettings settings() {
        return settings;
    }

    /**
     * The client of {@code service}, acting as {@code roleArn} when it is not {@code null}.
     *
     * @param sessionName names the assumed-role session (AWS uses the execution's name); only the first one used
     *                    for a role is kept, as the session is shared
     */
    public <C extends SdkClient> C client(AwsService service, String roleArn, String sessionName) {
        String key = service.name() + "|" + (roleArn == null ? "" : roleArn);
        SdkClient client = clients.get(key);
        if (client == null) {
            // Resolved outside computeIfAbsent: a role needs the STS client, which may itself be built now.
            AwsCredentialsProvider credentials = roleArn == null ? baseCredentials : role(roleArn, sessionName);
            client = clients.computeIfAbsent(key, k -> build(service, credentials));
        }
        @SuppressWarnings("unchecked")
        C typed = (C) client;
        return typed;
    }

    /** The client of {@code service} with the configured credentials; calls may carry others of their own. */
    public <C extends SdkClient> C client(AwsService service) {
        return client(service, null, null);
    }

    /**
     * The credentials of {@code roleArn} for the session {@code sessionName}, assumed through STS with the
     * credentials of {@code via} ({@code null}: the configured ones), as a role is chained from the state machine's
     * role on AWS. They are kept and renewed by the SDK before they expire, so one session makes one AssumeRole
     * call per hour, not one per task.
     */
    public AwsCredentialsProvider assumed(String roleArn, String sessionName, AwsCredentialsProvider via) {
        RoleSession key = new RoleSession(roleArn, sessionName, via);
        synchronized (sessions) {
            StsAssumeRoleCredentialsProvider provider = sessions.get(key);
            if (provider == null) {
                StsClient sts = client(AwsService.STS);
                provider = StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts)
                        .refreshRequest(r -> {
                            r.roleArn(roleArn).roleSessionName(sessionName);
                            if (via != null) {
                                r.overrideConfiguration(o -> o.credentialsProvider(via));
                            }
                        })
                        .staleTime(Duration.ofMinutes(1))
                        .prefetchTime(Duration.ofMinutes(5))
                        .build();
                sessions.put(key, provider);
            }
            return provider;
        }
    }

    private AwsCredentialsProvider role(String roleArn, String sessionName) {
        return roles.computeIfAbsent(roleArn, arn -> {
            StsClient sts = client(AwsService.STS, null, null);
            return StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts)
                    .refreshRequest(r -> r.roleArn(arn).roleSessionName(sessionName))
                    .staleTime(Duration.ofMinutes(1))
                    .prefetchTime(Duration.ofMinutes(5))
                    .build();
        });
    }

    private SdkClient build(AwsService service, AwsCredentialsProvider credentials) {
        Object builder;
        try {
            builder = service.client().getMethod("builder").invoke(null);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build a client for " + service.name(), e);
        }
        AwsClientBuilder<?, ?> aws = (AwsClientBuilder<?, ?>) builder;
        aws.credentialsProvider(credentials);
        if (settings.region() != null) {
            aws.region(Region.of(settings.region()));
        }
        URI endpoint = settings.endpointFor(service);
        if (endpoint != null) {
            aws.endpointOverride(endpoint);
            if (builder instanceof S3ClientBuilder s3) {
                // Emulators serve buckets under the path; virtual-host names under 127.0.0.1 do not resolve.
                s3.forcePathStyle(true);
            }
        }
        ((SdkSyncClientBuilder<?, ?>) builder).httpClient(http);
        return (SdkClient) aws.build();
    }

    @Override
    public void close() {
        roles.values().forEach(StsAssumeRoleCredentialsProvider::close);
        synchronized (sessions) {
            sessions.values().forEach(StsAssumeRoleCredentialsProvider::close);
        }
        clients.values().forEach(SdkClient::close);
        http.close();
    }
}
