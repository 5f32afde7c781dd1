package io.stepwise.integrations.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** One assumed-role session: the role, the session's name and the credentials it was assumed with. */
record RoleSession(String roleArn, String sessionName, AwsCredentialsProvider via) {

    /** A map that forgets the least recently used session past {@code capacity}; not thread-safe. */
    static Map<RoleSession, StsAssumeRoleCredentialsProvider> cache(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<RoleSession, StsAssumeRoleCredentialsProvider> eldest) {
                boolean full = size() > capacity;
                if (full) {
                    eldest.getValue().close();
                }
                return full;
            }
        };
    }
}
