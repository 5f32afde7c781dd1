package io.stepwise.integrations.aws;

import java.net.URI;
import java.util.Map;

/**
 * Where service integrations send their calls and as whom: the {@code aws} section of {@code stepwise.json}.
 *
 * @param region        the region of every client; {@code null} for the SDK's default region chain
 * @param endpoint      one endpoint for every service (an emulator such as moto); {@code null} for AWS's
 * @param endpoints     per-service endpoints by service name ({@code sqs}, {@code dynamodb}, …), ahead of {@code endpoint}
 * @param accessKeyId   static credentials; {@code null} for the SDK's default credential chain
 * @param secretAccessKey the secret of {@code accessKeyId}
 * @param assumeStateMachineRole whether every call runs as the state machine's role, assumed through STS, as on
 *                    AWS; off locally by default, where there is usually no role to assume. A Task's
 *                    {@code Credentials.RoleArn} is assumed either way.
 */
public record AwsSettings(String region, URI endpoint, Map<String, URI> endpoints, String accessKeyId,
                          String secretAccessKey, boolean assumeStateMachineRole) {

    public AwsSettings(String region, URI endpoint, Map<String, URI> endpoints, String accessKeyId,
                       String secretAccessKey) {
        this(region, endpoint, endpoints, accessKeyId, secretAccessKey, false);
    }

    public AwsSettings {
        endpoints = Map.copyOf(endpoints);
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("credentials need both accessKeyId and secretAccessKey");
        }
    }

    /** Real AWS, the default region and the default credential chain. */
    public static AwsSettings defaults() {
        return new AwsSettings(null, null, Map.of(), null, null);
    }

    /** These settings, with calls made as the state machine's role when {@code assume} is set. */
    public AwsSettings withAssumeStateMachineRole(boolean assume) {
        return new AwsSettings(region, endpoint, endpoints, accessKeyId, secretAccessKey, assume);
    }

    /** The endpoint configured for {@code service} (by any of its names), or {@code null} for AWS's own. */
    public URI endpointFor(AwsService service) {
        for (String name : service.names()) {
            URI uri = endpoints.get(name);
            if (uri != null) {
                return uri;
            }
        }
        return endpoint;
    }
}
