package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.local.server.ServeOptions;
import io.stepwise.query.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * Who may drive the server: on loopback, only requests naming a loopback host (a DNS-rebinding web page sends its
 * own name); with access keys configured, only requests signed with one of them (AWS Signature Version 4).
 */
class ServerExposureTest {
    private static final String LIST = "AWSStepFunctions.ListStateMachines";
    private static final String KEY_ID = "AKIDSTEPWISE";
    private static final String SECRET = "local-secret";

    @TempDir
    Path dataDir;

    @Test
    void aRequestNamingAnotherHostIsRefusedWithAnAwsStyleError() throws IOException {
        try (LocalServer server = new LocalServer(dataDir, false)) {
            RawHttp.Answer rebound = RawHttp.post(server.port(), "evil.example:" + server.port(), LIST, "{}");

            assertThat(rebound.status()).isEqualTo(403);
            assertThat(errorType(rebound.body())).isEqualTo("AccessDeniedException");
            assertThat(RawHttp.post(server.port(), "evil.example", LIST, "{}").status()).isEqualTo(403);
            assertThat(RawHttp.post(server.port(), "127.0.0.1.evil.example", LIST, "{}").status()).isEqualTo(403);
        }
    }

    @Test
    void loopbackHostNamesAreAnsweredOnAnyPort() throws IOException {
        try (LocalServer server = new LocalServer(dataDir, false)) {
            for (String host : new String[] {"localhost", "LOCALHOST:" + server.port(), "127.0.0.1:" + server.port(),
                    "[::1]:" + server.port(), "127.0.0.1:80"}) {
                RawHttp.Answer answer = RawHttp.post(server.port(), host, LIST, "{}");
                assertThat(answer.status()).as(host).isEqualTo(200);
                assertThat(Json.parse(answer.body()).path("stateMachines").isArray()).isTrue();
            }
        }
    }

    @Test
    void withAccessKeysOnlyRequestsSignedWithOneAreServed() {
        try (LocalServer server = new LocalServer(keyed())) {
            try (SfnClient signed = client(server.port(), KEY_ID, SECRET)) {
                assertThat(signed.listStateMachines().stateMachines()).isEmpty();
            }
            try (SfnClient unknownKey = client(server.port(), "AKIDSOMEONEELSE", SECRET)) {
                assertThatThrownBy(unknownKey::listStateMachines).isInstanceOfSatisfying(SfnException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
            }
            try (SfnClient wrongSecret = client(server.port(), KEY_ID, "not-the-secret")) {
                assertThatThrownBy(wrongSecret::listStateMachines).isInstanceOfSatisfying(SfnException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
            }
        }
    }

    @Test
    void anUnsignedRequestIsMissingItsAuthenticationToken() throws IOException {
        try (LocalServer server = new LocalServer(keyed())) {
            RawHttp.Answer unsigned = RawHttp.post(server.port(), "127.0.0.1:" + server.port(), LIST, "{}");

            assertThat(unsigned.status()).isEqualTo(403);
            assertThat(errorType(unsigned.body())).isEqualTo("MissingAuthenticationToken");
        }
    }

    @Test
    void aSignatureMustCoverTheBodySentAndBeRecent() throws Exception {
        try (LocalServer server = new LocalServer(keyed())) {
            HttpResponse<String> fresh = send(server.port(), "{}", "{}", Instant.now());
            assertThat(fresh.statusCode()).isEqualTo(200);

            HttpResponse<String> tampered = send(server.port(), "{}", "{\"maxResults\":1}", Instant.now());
            assertThat(tampered.statusCode()).isEqualTo(400);
            assertThat(errorType(tampered.body())).isEqualTo("InvalidSignatureException");

            HttpResponse<String> stale = send(server.port(), "{}", "{}", Instant.now().minus(Duration.ofMinutes(20)));
            assertThat(stale.statusCode()).isEqualTo(400);
            assertThat(errorType(stale.body())).isEqualTo("InvalidSignatureException");
            assertThat(Json.parse(stale.body()).path("message").asText()).contains("Signature expired");
        }
    }

    private ServeOptions keyed() {
        return ServeOptions.defaults().withPort(0).withDataDir(dataDir).withAccessKey(KEY_ID + ":" + SECRET);
    }

    private static SfnClient client(int port, String keyId, String secret) {
        return SfnClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();
    }

    /** Signs {@code signedBody} as the SDK would at {@code signedAt}, then sends {@code sentBody} with it. */
    private static HttpResponse<String> send(int port, String signedBody, String sentBody, Instant signedAt)
            throws IOException, InterruptedException {
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/");
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", LIST)
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                        .identity(AwsCredentialsIdentity.create(KEY_ID, SECRET))
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromUtf8String(signedBody))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "states")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(sentBody, StandardCharsets.UTF_8));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String errorType(String body) {
        JsonNode error = Json.parse(body);
        assertThat(error.path("message").isTextual()).isTrue();
        return error.path("__type").asText();
    }
}
