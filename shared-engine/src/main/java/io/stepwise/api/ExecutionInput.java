package io.stepwise.api;

import io.stepwise.query.Json;

/** Checks execution input as StartExecution does: JSON text of at most 256 KiB (UTF-8). */
final class ExecutionInput {
    static final int MAX_BYTES = 256 * 1024;

    private ExecutionInput() {
    }

    static String require(String input) {
        if (MemberLimits.utf8Length(input) > MAX_BYTES) {
            throw ApiException.of("InvalidExecutionInput",
                    "Input exceeds the maximum size of " + MAX_BYTES + " bytes");
        }
        try {
            Json.parse(input);
        } catch (IllegalArgumentException e) {
            throw ApiException.of("InvalidExecutionInput", "Invalid State Machine Execution Input: '"
                    + ClientMessages.of(e) + "'");
        }
        return input;
    }
}
