package io.stepwise.integrations.awssdk;

import java.util.Optional;

/**
 * A resource {@code arn:aws:states:::aws-sdk:<service>:<action>[.waitForTaskToken]}.
 *
 * @param service the lower-case service name, e.g. {@code s3}
 * @param action  the camelCase API action, e.g. {@code getObject}
 */
public record AwsSdkResource(String service, String action, boolean waitsForTaskToken) {
    static final String PREFIX = "arn:aws:states:::aws-sdk:";
    private static final String WAIT_FOR_TASK_TOKEN = ".waitForTaskToken";

    public static Optional<AwsSdkResource> parse(String resource) {
        if (!resource.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = resource.substring(PREFIX.length());
        boolean waits = rest.endsWith(WAIT_FOR_TASK_TOKEN);
        if (waits) {
            rest = rest.substring(0, rest.length() - WAIT_FOR_TASK_TOKEN.length());
        }
        int colon = rest.indexOf(':');
        if (colon <= 0 || colon == rest.length() - 1 || rest.indexOf(':', colon + 1) >= 0 || rest.contains(".")) {
            return Optional.empty();
        }
        return Optional.of(new AwsSdkResource(rest.substring(0, colon), rest.substring(colon + 1), waits));
    }
}
