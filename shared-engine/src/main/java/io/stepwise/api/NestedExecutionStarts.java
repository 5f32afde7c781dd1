package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.StateMachineType;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ParentLink;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.query.Json;
import io.stepwise.runtime.NestedStarts;
import io.stepwise.runtime.SyncTaskResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * StartExecution as a {@code startExecution.sync} Task calls it: the same resolution of the state machine (version,
 * alias, a mock test case), name and input rules as the API, the child linked to the Task that waits for it, and
 * StartExecution's response in the integration's shape ({@code ExecutionArn}, {@code StartDate} in epoch
 * milliseconds, {@code SdkHttpMetadata}, {@code SdkResponseMetadata}).
 */
public final class NestedExecutionStarts implements NestedStarts {
    private final Backend backend;
    private final SecureRandom random = new SecureRandom();

    public NestedExecutionStarts(Backend backend) {
        this.backend = backend;
    }

    @Override
    public TaskOutcome start(TaskRequest request) {
        try {
            return submit(request);
        } catch (ApiException e) {
            String code = e.code();
            String error = "StepFunctions." + code + (code.endsWith("Exception") ? "" : "Exception");
            return new TaskOutcome.Failed(error, e.getMessage() + " (Service: AWSStepFunctions; Status Code: "
                    + e.httpStatus() + "; Error Code: " + code + "; Request ID: " + UUID.randomUUID()
                    + "; Proxy: null)");
        }
    }

    private TaskOutcome submit(TaskRequest request) {
        JsonNode parameters = request.input();
        String requested = parameters.path("StateMachineArn").asText(null);
        if (requested == null) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value null at "
                    + "'stateMachineArn' failed to satisfy constraint: Member must not be null");
        }
        MachineTarget target = MachineTarget.resolve(backend, backend.startHook().stateMachineArn(requested), random);
        StateMachineRecord machine = target.machine();
        if (machine.type() == StateMachineType.EXPRESS) {
            throw ApiException.of("StateMachineTypeNotSupported",
                    "Stepwise runs only STANDARD child executions of startExecution.sync");
        }
        String name = Names.require(parameters.hasNonNull("Name") ? parameters.get("Name").asText()
                : defaultName(request));
        String input = ExecutionInput.require(inputText(parameters.get("Input")));
        Arns home = Arns.ofResource(machine.arn());
        String arn = home.execution(machine.name(), name);
        ParentLink link = ParentLink.ofTask(request.executionArn(), request.ref(), request.resource());
        backend.startHook().beforeStart(requested, arn, machine.name());
        ExecutionStart start = new ExecutionStart(arn, name, machine.arn(), machine.name(), target.roleArn(),
                home.region(), input, backend.clock().instant(), random.nextLong(), null, link);
        if (backend.runner().start(start, target.definition())) {
            if (target.versionArn() != null) {
                backend.versions().recordExecutionSource(arn, target.versionArn(), target.aliasArn());
            }
            return submitted(request, arn, start.startTime());
        }
        ExecutionRecord existing = backend.executions().load(arn).orElse(null);
        // The outbox may hand the same task over twice: the child it started already is the answer again.
        if (existing != null && link.equals(existing.state().start.parent())) {
            return submitted(request, arn, existing.startDate());
        }
        throw ApiException.of("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
    }

    /**
     * Records the submission at once, so the parent learns of its child before anything else can tell it, and
     * answers {@link TaskOutcome.Pending}: the worker then holds the task until the child's end settles it, instead
     * of a sweep starting it again. A parent that no longer waits (stopped, timed out while the child was being
     * started) gets its child stopped, as it would had the child been known when the Task ended.
     */
    private TaskOutcome submitted(TaskRequest request, String childArn, Instant startDate) {
        ObjectNode response = SyncTaskResult.submission(childArn, startDate);
        if (request.ref() == null) {
            return new TaskOutcome.Submitted(response);
        }
        if (!backend.runner().deliver(request.executionArn(), new Trigger.TaskSubmitted(request.ref(), response))) {
            backend.runner().deliver(childArn, new Trigger.StopRequested(null, null));
        }
        return new TaskOutcome.Pending();
    }

    /**
     * A name AWS would draw at random, drawn here from the task attempt instead, so that starting it again finds
     * the same child.
     */
    private static String defaultName(TaskRequest request) {
        return UUID.nameUUIDFromBytes((request.executionArn() + "#" + request.ref()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The integration sends a JSON {@code Input} as its text, and {@code {}} when there is none. */
    private static String inputText(JsonNode input) {
        if (input == null || input.isNull()) {
            return "{}";
        }
        return input.isTextual() ? input.asText() : Json.write(input);
    }
}
