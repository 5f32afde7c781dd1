package io.stepwise.local.config;

import static io.stepwise.local.config.ConfigMembers.onlyMembers;
import static io.stepwise.local.config.ConfigMembers.requireObject;
import static io.stepwise.local.config.ConfigMembers.text;
import static io.stepwise.local.config.ConfigMembers.url;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.AwsSettings;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code aws} section of {@code stepwise.json}: where service integrations call and with which credentials.
 *
 * <pre>{@code
 * "aws": {
 *   "region": "us-east-1",
 *   "endpoint": "http://127.0.0.1:5000",
 *   "endpoints": {"sqs": "http://127.0.0.1:9324"},
 *   "credentials": {"accessKeyId": "test", "secretAccessKey": "test"},
 *   "assumeStateMachineRole": true
 * }
 * }</pre>
 *
 * With {@code assumeStateMachineRole}, every call runs as the state machine's role, assumed through STS at the
 * configured {@code sts} endpoint as on AWS; without it, as the configured credentials (a Task's
 * {@code Credentials.RoleArn} is assumed either way).
 *
 * Every member is optional: without {@code endpoint(s)} calls go to AWS, without {@code credentials} the SDK's
 * default credential chain is used. Unknown members and service names are refused, as a typo would otherwise send
 * calls to real AWS.
 */
final class AwsConfig {
    private AwsConfig() {
    }

    static AwsSettings parse(JsonNode aws) {
        requireObject(aws, "'aws'");
        onlyMembers(aws, "'aws'", Set.of("region", "endpoint", "endpoints", "credentials",
                "assumeStateMachineRole"));
        String region = aws.has("region") ? text(aws.get("region"), "'aws.region'") : null;
        URI endpoint = aws.has("endpoint") ? url(aws.get("endpoint"), "'aws.endpoint'") : null;
        Map<String, URI> endpoints = new LinkedHashMap<>();
        if (aws.has("endpoints")) {
            JsonNode declared = aws.get("endpoints");
            requireObject(declared, "'aws.endpoints'");
            for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String where = "'aws.endpoints." + entry.getKey() + "'";
                if (!AwsService.isKnownName(entry.getKey())) {
                    throw new IllegalArgumentException(where + " names no service Stepwise calls (known: "
                            + String.join(", ", AwsService.ALL.stream().flatMap(s -> s.names().stream()).toList()) + ")");
                }
                endpoints.put(entry.getKey(), url(entry.getValue(), where));
            }
        }
        String accessKeyId = null;
        String secretAccessKey = null;
        if (aws.has("credentials")) {
            JsonNode credentials = aws.get("credentials");
            requireObject(credentials, "'aws.credentials'");
            onlyMembers(credentials, "'aws.credentials'", Set.of("accessKeyId", "secretAccessKey"));
            if (!credentials.has("accessKeyId") || !credentials.has("secretAccessKey")) {
                throw new IllegalArgumentException("'aws.credentials' needs both accessKeyId and secretAccessKey");
            }
            accessKeyId = text(credentials.get("accessKeyId"), "'aws.credentials.accessKeyId'");
            secretAccessKey = text(credentials.get("secretAccessKey"), "'aws.credentials.secretAccessKey'");
        }
        boolean assumeRole = false;
        if (aws.has("assumeStateMachineRole")) {
            if (!aws.get("assumeStateMachineRole").isBoolean()) {
                throw new IllegalArgumentException("'aws.assumeStateMachineRole' must be true or false");
            }
            assumeRole = aws.get("assumeStateMachineRole").booleanValue();
        }
        return new AwsSettings(region, endpoint, endpoints, accessKeyId, secretAccessKey, assumeRole);
    }
}
