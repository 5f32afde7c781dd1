package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
import java.util.Iterator;
import java.util.Map;

/**
 * AWS's quotas on workflow variables: 256 KiB for one variable, 256 KiB for everything one {@code Assign}
 * writes, 10 MiB for all variables of an execution (workflow-variables.html, "Variable size limits").
 */
final class VariableLimits {
    static final int MAX_VARIABLE_BYTES = 256 * 1024;
    static final int MAX_ASSIGN_BYTES = 256 * 1024;
    static final long MAX_EXECUTION_BYTES = 10L * 1024 * 1024;

    private VariableLimits() {
    }

    static void check(Frame frame, String stateName, ObjectNode assigned) {
        long assignBytes = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = assigned.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int size = Payloads.sizeInBytes(e.getValue());
            if (size > MAX_VARIABLE_BYTES) {
                throw exceeded(stateName, "The variable '" + e.getKey() + "' has a size of " + size
                        + " bytes, over the limit of " + MAX_VARIABLE_BYTES + " bytes.");
            }
            assignBytes += size;
        }
        if (assignBytes > MAX_ASSIGN_BYTES) {
            throw exceeded(stateName, "The variables assigned have a combined size of " + assignBytes
                    + " bytes, over the limit of " + MAX_ASSIGN_BYTES + " bytes.");
        }
        long total = assignBytes;
        for (Frame f = frame; f != null; f = f.parent()) {
            ObjectNode scope = f.branch().variables;
            if (scope == null) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = scope.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (f != frame || !assigned.has(e.getKey())) {
                    total += Payloads.sizeInBytes(e.getValue());
                }
            }
        }
        if (total > MAX_EXECUTION_BYTES) {
            throw exceeded(stateName, "The variables of the execution would have a combined size of " + total
                    + " bytes, over the limit of " + MAX_EXECUTION_BYTES + " bytes.");
        }
    }

    private static StatesException exceeded(String stateName, String detail) {
        return new StatesException(StatesErrors.DATA_LIMIT_EXCEEDED,
                "The state/task '" + stateName + "' exceeded a variable size limit. " + detail);
    }
}
