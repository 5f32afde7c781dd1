package io.stepwise.functions;

import io.stepwise.query.Json;

/** Writes each {@link ApiCall} as one JSON line to standard output, which Lambda sends to CloudWatch Logs. */
final class AuditLog {

    private AuditLog() {
    }

    static void print(ApiCall call) {
        var line = Json.MAPPER.createObjectNode()
                .put("audit", "stepwise-api")
                .put("requestId", call.requestId())
                .put("operation", call.operation())
                .put("callerArn", call.caller().userArn())
                .put("callerId", call.caller().caller())
                .put("callerAccount", call.caller().accountId())
                .put("status", call.status());
        if (call.executionArn() != null) {
            line.put("executionArn", call.executionArn());
        }
        if (call.errorCode() != null) {
            line.put("errorCode", call.errorCode());
        }
        System.out.println(Json.write(line));
    }
}
