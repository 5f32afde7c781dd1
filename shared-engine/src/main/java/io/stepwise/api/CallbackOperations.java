package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.TaskTokens;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.TaskTokenGrant;
import io.stepwise.query.Json;
import io.stepwise.runtime.PendingTasks;
import java.util.Map;
import java.util.function.Function;

/** SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat: the answers to callback tasks and activities. */
final class CallbackOperations {
    private final Backend backend;

    CallbackOperations(Backend backend) {
        this.backend = backend;
    }

    void register(Map<String, Operation> operations) {
        operations.put("SendTaskSuccess", request -> {
            JsonNode output = output(request.required("output"));
            return answer(request, ref -> new Trigger.TaskSucceeded(ref, output));
        });
        operations.put("SendTaskFailure", request -> {
            String error = request.optional("error");
            String cause = request.optional("cause");
            return answer(request, ref -> new Trigger.TaskFailed(ref, error, cause));
        });
        operations.put("SendTaskHeartbeat", request -> answer(request, Trigger.TaskHeartbeat::new));
    }

    private static JsonNode output(String text) {
        // The 256 KiB quota is on the UTF-8 size, which is up to three times the number of characters.
        if (MemberLimits.utf8Length(text) > ExecutionInput.MAX_BYTES) {
            throw ApiException.of("InvalidOutput", "Output exceeds the maximum size of " + ExecutionInput.MAX_BYTES
                    + " bytes");
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.of("InvalidOutput", "Invalid Output: '" + ClientMessages.of(e) + "'");
        }
    }

    /**
     * Delivers the answer to the task the token names. A token that was issued but whose task no longer waits
     * (timed out, answered, or its execution ended) is {@code TaskTimedOut}, as AWS reports it.
     */
    private ObjectNode answer(ApiRequest request, Function<String, Trigger> trigger) {
        String token = request.required("taskToken");
        // A token not of the minted form is InvalidToken; a well-formed one that was never issued does not exist.
        if (!TaskTokens.wellFormed(token)) {
            throw ApiException.of("InvalidToken", "Invalid Token: 'Invalid token'");
        }
        TaskTokenGrant grant = backend.tokens().findTaskToken(token).orElseThrow(() ->
                ApiException.of("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore'"));
        ExecutionRecord execution = backend.executions().load(grant.executionArn()).orElseThrow(() ->
                ApiException.of("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore'"));
        if (!PendingTasks.isPending(execution.state(), grant.ref())) {
            throw ApiException.of("TaskTimedOut", "Task Timed Out: 'Provided task has timed out'");
        }
        // If the task ends between this check and the delivery, the interpreter ignores the stale answer.
        backend.runner().deliver(grant.executionArn(), trigger.apply(grant.ref()));
        return WireJson.object();
    }
}
