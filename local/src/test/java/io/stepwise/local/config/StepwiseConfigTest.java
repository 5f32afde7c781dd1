package io.stepwise.local.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.AwsSettings;
import io.stepwise.integrations.http.ConnectionAuthorization;
import io.stepwise.integrations.http.HttpConnection;
import io.stepwise.query.Json;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepwiseConfigTest {
    private static final Path BASE = Path.of("/project");

    private static StepwiseConfig parse(String json) {
        return StepwiseConfig.parse(Json.parse(json), BASE);
    }

    @Test
    void readsHandlersEndpointsAndAClasspathRelativeToTheFile() {
        StepwiseConfig config = parse("""
                {"classpath": ["build/fn.jar", "/abs/classes"],
                 "lambda": {"functions": {
                   "greet": {"handler": "com.example.Greet"},
                   "remote": {"endpoint": "http://127.0.0.1:9000/invoke"}}}}""");

        assertThat(config.classpath()).containsExactly(Path.of("/project/build/fn.jar"), Path.of("/abs/classes"));
        assertThat(config.functions()).isEqualTo(Map.of(
                "greet", new FunctionSource.Handler("com.example.Greet"),
                "remote", new FunctionSource.Endpoint(URI.create("http://127.0.0.1:9000/invoke"))));
    }

    @Test
    void commandLineFunctionsReplaceConfiguredOnesOfTheSameName() {
        StepwiseConfig config = parse("""
                {"lambda": {"functions": {"greet": {"handler": "a.A"}, "other": {"handler": "b.B"}}}}""")
                .withFunctions(Map.of("greet", new FunctionSource.Handler("c.C")));

        assertThat(config.functions()).containsEntry("greet", new FunctionSource.Handler("c.C"))
                .containsEntry("other", new FunctionSource.Handler("b.B"));
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> parse("{\"lamda\": {}}")).hasMessageContaining("unknown member 'lamda'");
        assertThatThrownBy(() -> parse("{\"lambda\": {\"functions\": {\"f\": {}}}}"))
                .hasMessageContaining("'lambda.functions.f' needs exactly one of 'handler' or 'endpoint'");
        assertThatThrownBy(() -> parse("{\"lambda\": {\"functions\": {\"f\": {\"endpoint\": \"ftp://x\"}}}}"))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> parse("{\"classpath\": \"x.jar\"}")).hasMessageContaining("list of paths");
    }

    @Test
    void readsHttpConnectionsWrittenAsEventBridgeCreatesThem() {
        StepwiseConfig config = parse("""
                {"http": {"connections": {"arn:aws:events:us-east-1:123456789012:connection/shop/1": {
                  "AuthorizationType": "API_KEY",
                  "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "k"},
                                     "InvocationHttpParameters": {"HeaderParameters": [{"Key": "a", "Value": "b"}]}}}}}}
                """);

        HttpConnection connection = config.httpConnections().get("arn:aws:events:us-east-1:123456789012:connection/shop/1");
        assertThat(connection.authorization()).isEqualTo(new ConnectionAuthorization.ApiKey("x-api-key", "k"));
        assertThat(connection.invocation().headers()).isEqualTo(Map.of("a", "b"));
        assertThatThrownBy(() -> parse("{\"http\": {\"connections\": {\"shop\": {}}}}"))
                .hasMessageContaining("EventBridge connection ARN");
        assertThatThrownBy(() -> parse("""
                {"http": {"connections": {"arn:aws:events:us-east-1:1:connection/a/1": {
                  "AuthorizationType": "BASIC", "AuthParameters": {}}}}}"""))
                .hasMessageContaining("'BasicAuthParameters' is required");
    }

    @Test
    void readsWhereServiceIntegrationsCallAndAsWhom() {
        StepwiseConfig config = parse("""
                {"aws": {"region": "eu-west-1", "endpoint": "http://127.0.0.1:5000",
                         "endpoints": {"sqs": "http://127.0.0.1:9324", "events": "http://127.0.0.1:4010"},
                         "credentials": {"accessKeyId": "test", "secretAccessKey": "secret"}}}""");

        assertThat(config.aws()).isEqualTo(new AwsSettings("eu-west-1", URI.create("http://127.0.0.1:5000"),
                Map.of("sqs", URI.create("http://127.0.0.1:9324"), "events", URI.create("http://127.0.0.1:4010")),
                "test", "secret"));
        assertThat(config.aws().endpointFor(AwsService.EVENTBRIDGE)).isEqualTo(URI.create("http://127.0.0.1:4010"));
        assertThat(config.aws().endpointFor(AwsService.DYNAMODB)).isEqualTo(URI.create("http://127.0.0.1:5000"));
        assertThat(parse("{\"aws\": {}}").aws()).isEqualTo(AwsSettings.defaults());
        assertThat(parse("{}").aws()).isNull();
    }

    @Test
    void refusesAnAwsSectionItDoesNotUnderstand() {
        assertThatThrownBy(() -> parse("{\"aws\": {\"endpoints\": {\"sqs2\": \"http://x\"}}}"))
                .hasMessageContaining("'aws.endpoints.sqs2' names no service");
        assertThatThrownBy(() -> parse("{\"aws\": {\"regoin\": \"us-east-1\"}}"))
                .hasMessageContaining("unknown member 'regoin'");
        assertThatThrownBy(() -> parse("{\"aws\": {\"credentials\": {\"accessKeyId\": \"a\"}}}"))
                .hasMessageContaining("needs both accessKeyId and secretAccessKey");
        assertThatThrownBy(() -> parse("{\"aws\": {\"endpoint\": \"127.0.0.1:5000\"}}"))
                .hasMessageContaining("'aws.endpoint'");
    }

    @Test
    void aMissingClasspathEntryOrHandlerClassFailsAtLoad() {
        StepwiseConfig missingJar = new StepwiseConfig(List.of(Path.of("/no/such.jar")), Map.of());
        assertThatThrownBy(() -> LambdaFunctions.load(missingJar, getClass().getClassLoader()))
                .hasMessageContaining("/no/such.jar does not exist");
        StepwiseConfig missingClass = new StepwiseConfig(List.of(),
                Map.of("f", new FunctionSource.Handler("no.such.Handler")));
        assertThatThrownBy(() -> LambdaFunctions.load(missingClass, getClass().getClassLoader()))
                .hasMessageContaining("function f: handler class not found: no.such.Handler");
    }
}
