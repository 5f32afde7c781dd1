package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.query.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GetActivityTask} holds a server thread for up to a minute. The thread pool is bounded, so long polls get
 * only part of it: past their share a poll is refused at once, and every other operation is still answered.
 */
class LongPollLimitTest {
    /** The server's share of its thread pool for long polls. */
    private static final int MAX_LONG_POLLS = 100;
    private static final int EXTRA_POLLS = 5;

    @TempDir
    Path dataDir;

    @Test
    void pollsBeyondTheirShareAreRefusedAndOtherRequestsStillServed() throws Exception {
        try (LocalServer server = new LocalServer(dataDir, false)) {
            String activity = server.sfn.createActivity(b -> b.name("busy")).activityArn();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest poll = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("X-Amz-Target", "AWSStepFunctions.GetActivityTask")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"activityArn\":\"" + activity + "\"}"))
                    .build();
            List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
            for (int i = 0; i < MAX_LONG_POLLS + EXTRA_POLLS; i++) {
                polls.add(http.sendAsync(poll, HttpResponse.BodyHandlers.ofString()));
            }

            List<HttpResponse<String>> refused = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (refused.size() < EXTRA_POLLS && System.nanoTime() < deadline) {
                Thread.sleep(100);
                refused = polls.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
            }

            assertThat(refused).hasSize(EXTRA_POLLS).allSatisfy(response -> {
                assertThat(response.statusCode()).isEqualTo(400);
                assertThat(Json.parse(response.body()).path("__type").asText())
                        .isEqualTo("ActivityWorkerLimitExceeded");
            });
            assertThat(server.sfn.listActivities().activities()).hasSize(1);
            assertThat(polls.stream().filter(CompletableFuture::isDone)).hasSize(EXTRA_POLLS);
            polls.forEach(request -> request.cancel(true));
        }
    }
}
