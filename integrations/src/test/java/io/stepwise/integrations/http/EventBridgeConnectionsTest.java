package io.stepwise.integrations.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.MotoClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.query.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ConnectionAuthorizationType;

/**
 * HTTP Tasks whose connection lives in EventBridge, with its credentials in the Secrets Manager secret the
 * connection names, as on AWS; moto, like EventBridge, writes that secret when the connection is created.
 */
class EventBridgeConnectionsTest {
    @RegisterExtension
    final MotoClients moto = new MotoClients();
    private HttpServer api;
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private String base;

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            keys.add(exchange.getRequestHeaders().getFirst("x-api-key") + " "
                    + exchange.getRequestHeaders().getFirst("x-tenant") + " " + exchange.getRequestURI().getQuery());
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        base = "http://127.0.0.1:" + api.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.stop(0);
        }
    }

    private TaskOutcome call(String connectionArn) {
        HttpInvoke http = new HttpInvoke(new EventBridgeConnections(moto.clients()), Moto.REGION, Clock.systemUTC());
        return http.invoke(new TaskRequest("arn:aws:states:us-east-1:123456789012:execution:m:e", "Call",
                "arn:aws:states:::http:invoke", Json.parse("""
                        {"ApiEndpoint": "%s/orders", "Method": "GET", "Authentication": {"ConnectionArn": "%s"}}
                        """.formatted(base, connectionArn)), null, null, null, null));
    }

    @Test
    void readsTheConnectionFromEventBridgeAndItsCredentialsFromItsSecret() {
        EventBridgeClient events = moto.client(AwsService.EVENTBRIDGE);
        String name = "shop-" + UUID.randomUUID();
        String arn = events.createConnection(b -> b.name(name)
                .authorizationType(ConnectionAuthorizationType.API_KEY)
                .authParameters(p -> p.apiKeyAuthParameters(k -> k.apiKeyName("x-api-key").apiKeyValue("k-9"))
                        .invocationHttpParameters(i -> i
                                .headerParameters(h -> h.key("x-tenant").value("acme").isValueSecret(false))
                                .queryStringParameters(q -> q.key("v").value("2").isValueSecret(true)))))
                .connectionArn();

        assertThat(call(arn)).isInstanceOf(TaskOutcome.Succeeded.class);
        assertThat(keys).containsExactly("k-9 acme v=2");
    }

    @Test
    void aConnectionEventBridgeDoesNotHaveIsNotFound() {
        assertThat(call("arn:aws:events:us-east-1:123456789012:connection/none-" + UUID.randomUUID() + "/1"))
                .isInstanceOfSatisfying(TaskOutcome.Failed.class, failed ->
                        assertThat(failed.error()).isEqualTo("Events.ConnectionResource.ResourceNotFound"));
        assertThat(keys).isEmpty();
    }

    @Test
    void namesTheConnectionInItsArn() {
        assertThat(EventBridgeConnections.name("arn:aws:events:us-east-1:1:connection/shop/5b3c")).isEqualTo("shop");
        assertThat(EventBridgeConnections.name("arn:aws:events:us-east-1:1:rule/shop")).isNull();
    }
}
