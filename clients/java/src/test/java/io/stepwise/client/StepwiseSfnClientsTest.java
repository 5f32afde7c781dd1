package io.stepwise.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/** What the SDK client sends to a stack's API: a request an HTTP server on loopback records, as API Gateway gets it. */
class StepwiseSfnClientsTest {
    private final List<String> received = new ArrayList<>();
    private final HttpServer server;

    StepwiseSfnClientsTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Host").replaceAll(":.*", "") + " "
                    + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " | "
                    + exchange.getRequestHeaders().getFirst("X-Amz-Target") + " | "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"executionArn\": \"arn:aws:states:eu-west-1:111122223333:execution:m:e\",\"startDate\": 1.7E9}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void signsForApiGatewayAndPostsToTheStage() {
        URI api = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prod/");
        try (SfnClient sfn = StepwiseSfnClients.builder(api)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "s")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            String arn = sfn.startExecution(r -> r.stateMachineArn(
                    "arn:aws:states:eu-west-1:111122223333:stateMachine:m").input("{}")).executionArn();

            assertThat(arn).isEqualTo("arn:aws:states:eu-west-1:111122223333:execution:m:e");
            // Step Functions would send this one to a "sync-" host, which an API Gateway API does not have.
            sfn.startSyncExecution(r -> r.stateMachineArn("arn:aws:states:eu-west-1:111122223333:stateMachine:m"));
        }
        assertThat(received).hasSize(2).allSatisfy(request -> assertThat(request)
                .startsWith("127.0.0.1 POST /prod/ | AWSStepFunctions.Start")
                .contains("| AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/execute-api/aws4_request"));
    }
}
