package io.stepwise.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * What StartExecution knows about a new execution.
 *
 * @param inputText the input exactly as given; AWS echoes it unchanged in the first events
 * @param seed randomness for the random intrinsic and JSONata functions, retry jitter and ids; its draws appear
 *     in outputs, from which it can be recovered, so it must never protect anything
 * @param tokenKey the secret behind the execution's task tokens (see {@link TaskTokens}): 256 bits from
 *     {@link SecureRandom}, used for nothing else, so no output of the execution reveals it; stored with the
 *     execution so that replay mints the same tokens
 * @param parent the execution waiting for this one's end, or {@code null} for a top-level execution
 */
public record ExecutionStart(
        String executionArn, String name, String stateMachineArn, String stateMachineName, String roleArn,
        String region, String inputText, Instant startTime, long seed, String tokenKey,
        @JsonInclude(JsonInclude.Include.NON_NULL) ParentLink parent) {
    private static final SecureRandom KEYS = new SecureRandom();

    /**
     * A missing key (a new start, or an execution stored before keys existed) is drawn fresh; a stored execution
     * keeps it from its next commit on.
     */
    public ExecutionStart {
        if (tokenKey == null) {
            byte[] key = new byte[32];
            KEYS.nextBytes(key);
            tokenKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        }
    }

    /** A top-level execution. */
    public ExecutionStart(String executionArn, String name, String stateMachineArn, String stateMachineName,
            String roleArn, String region, String inputText, Instant startTime, long seed, String tokenKey) {
        this(executionArn, name, stateMachineArn, stateMachineName, roleArn, region, inputText, startTime, seed,
                tokenKey, null);
    }

    /** A start with a fresh task-token key. */
    public ExecutionStart(String executionArn, String name, String stateMachineArn, String stateMachineName,
            String roleArn, String region, String inputText, Instant startTime, long seed) {
        this(executionArn, name, stateMachineArn, stateMachineName, roleArn, region, inputText, startTime, seed, null);
    }

    /** Leaves the seed and the key out, so that no log line or error message carries them. */
    @Override
    public String toString() {
        return "ExecutionStart[" + executionArn + ", startTime=" + startTime + "]";
    }
}
