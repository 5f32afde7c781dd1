package io.stepwise.local.config;

import static io.stepwise.local.config.ConfigMembers.onlyMembers;
import static io.stepwise.local.config.ConfigMembers.requireObject;
import static io.stepwise.local.config.ConfigMembers.text;
import static io.stepwise.local.config.ConfigMembers.url;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.integrations.aws.AwsSettings;
import io.stepwise.integrations.http.HttpConnection;
import io.stepwise.query.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --config stepwise.json} of {@code stepwise serve}: where Lambda resources are served from.
 *
 * <pre>{@code
 * {
 *   "classpath": ["build/libs/functions.jar", "build/classes"],
 *   "lambda": {
 *     "functions": {
 *       "greet":  {"handler": "com.example.GreetHandler"},
 *       "remote": {"endpoint": "http://127.0.0.1:9000/invoke"}
 *     }
 *   },
 *   "aws": {"region": "us-east-1", "endpoint": "http://127.0.0.1:5000",
 *           "credentials": {"accessKeyId": "test", "secretAccessKey": "test"}},
 *   "http": {"connections": {"arn:aws:events:us-east-1:123456789012:connection/api/1": {…}}}
 * }
 * }</pre>
 *
 * With an {@code aws} section ({@link AwsConfig}), Lambda functions not declared here are invoked through the Lambda
 * API at its endpoint; without one they fail as missing functions, and other services are called on AWS with the
 * SDK's default credentials. HTTP Tasks find their EventBridge connections in the {@code http} section
 * ({@link HttpConfig}).
 *
 * Relative classpath entries are resolved against the file's directory, so a config checked in next to a project
 * works from any working directory. Unknown members are refused: a typo must not silently drop a function.
 */
public record StepwiseConfig(List<Path> classpath, Map<String, FunctionSource> functions, AwsSettings aws,
                             Map<String, HttpConnection> httpConnections) {
    /**
     * @param aws             the {@code aws} section, or {@code null} when the file has none
     * @param httpConnections the connections of the {@code http} section by ARN
     */
    public StepwiseConfig {
        classpath = List.copyOf(classpath);
        functions = Map.copyOf(functions);
        httpConnections = Map.copyOf(httpConnections);
    }

    public StepwiseConfig(List<Path> classpath, Map<String, FunctionSource> functions, AwsSettings aws) {
        this(classpath, functions, aws, Map.of());
    }

    public StepwiseConfig(List<Path> classpath, Map<String, FunctionSource> functions) {
        this(classpath, functions, null);
    }

    public static StepwiseConfig empty() {
        return new StepwiseConfig(List.of(), Map.of());
    }

    /** @throws IllegalArgumentException naming the file and the member that is wrong */
    public static StepwiseConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(Json.parse(text), file.toAbsolutePath().getParent());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static StepwiseConfig parse(JsonNode root, Path baseDir) {
        requireObject(root, "the document");
        onlyMembers(root, "the document", Set.of("classpath", "lambda", "aws", "http"));
        List<Path> classpath = new ArrayList<>();
        JsonNode entries = root.path("classpath");
        if (!entries.isMissingNode()) {
            if (!entries.isArray()) {
                throw new IllegalArgumentException("'classpath' must be a list of paths");
            }
            for (JsonNode entry : entries) {
                if (!entry.isTextual()) {
                    throw new IllegalArgumentException("'classpath' must be a list of paths");
                }
                classpath.add(baseDir.resolve(entry.textValue()).normalize());
            }
        }
        Map<String, FunctionSource> functions = new LinkedHashMap<>();
        JsonNode lambda = root.path("lambda");
        if (!lambda.isMissingNode()) {
            requireObject(lambda, "'lambda'");
            onlyMembers(lambda, "'lambda'", Set.of("functions"));
            JsonNode declared = lambda.path("functions");
            requireObject(declared, "'lambda.functions'");
            declared.fields().forEachRemaining(entry ->
                    functions.put(entry.getKey(), function(entry.getKey(), entry.getValue())));
        }
        AwsSettings aws = root.has("aws") ? AwsConfig.parse(root.get("aws")) : null;
        Map<String, HttpConnection> connections = root.has("http") ? HttpConfig.parse(root.get("http")) : Map.of();
        return new StepwiseConfig(classpath, functions, aws, connections);
    }

    private static FunctionSource function(String name, JsonNode spec) {
        String where = "'lambda.functions." + name + "'";
        requireObject(spec, where);
        onlyMembers(spec, where, Set.of("handler", "endpoint"));
        if (spec.has("handler") == spec.has("endpoint")) {
            throw new IllegalArgumentException(where + " needs exactly one of 'handler' or 'endpoint'");
        }
        if (spec.has("handler")) {
            return new FunctionSource.Handler(text(spec.get("handler"), where + ".handler"));
        }
        return new FunctionSource.Endpoint(url(spec.get("endpoint"), where + ".endpoint"));
    }

    /** This configuration with {@code more} functions added, replacing those of the same name. */
    public StepwiseConfig withFunctions(Map<String, FunctionSource> more) {
        Map<String, FunctionSource> merged = new LinkedHashMap<>(functions);
        merged.putAll(more);
        return new StepwiseConfig(classpath, merged, aws, httpConnections);
    }
}
