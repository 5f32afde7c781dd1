package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.ACTIVITY_STARTED;
import static io.stepwise.engine.history.HistoryEventType.TASK_SUBMITTED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.TaskState;
import io.stepwise.engine.history.PayloadText;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.PendingRef;
import io.stepwise.engine.state.PendingTask;
import io.stepwise.engine.state.Phase;
import io.stepwise.query.EvalContext;
import io.stepwise.query.StatesErrors;

/**
 * Task: schedules the integration with the call its dialect evaluates (input, credentials, timeouts), then takes
 * what the task answers — started, submitted, heartbeats, its result or failure, a timeout — until the state exits
 * through the result tail or fails.
 */
record TaskProcessor(TaskState state, Dialect dialect, TaskResource resource) implements StateProcessor {
    /** The {@code resourceType} of Step Functions' own integration, whose {@code .sync} job is a child execution. */
    private static final String STATES = "states";

    /** The state's {@code Resource} is parsed once, with the registry, not at every schedule and answer. */
    TaskProcessor(TaskState state, Dialect dialect) {
        this(state, dialect, TaskResource.of(state.resource()));
    }

    /** What a pending task's resource is: the state's own, unless it was scheduled under another definition. */
    private TaskResource resourceOf(String arn) {
        return arn.equals(resource.arn()) ? resource : TaskResource.of(arn);
    }

    @Override
    public void execute(StateRunner runner, Frame frame) {
        Run run = runner.run();
        TaskState task = state;
        BranchState branch = frame.branch();
        JsonNode effective = DataFlow.inputPath(task.common().inputPath(), runner.context(frame, branch.stateInput));
        PendingRef.Task taskRef = new PendingRef.Task(branch.id, run.state.nextEventId);
        String ref = taskRef.text();
        boolean callback = resource.waitsForTaskToken() || resource.kind() == TaskResource.Kind.ACTIVITY;
        String token = callback ? TaskTokens.mint(run.state.start, ref) : null;
        TaskCall call = dialect.taskCall(task, branch.stateInput, runner.context(frame, effective, true, token));
        JsonNode input = call.input();
        Integer timeout = call.timeoutSeconds();
        Integer heartbeat = call.heartbeatSeconds();
        JsonNode credentials = call.credentials();

        ObjectNode scheduled = Payloads.details();
        switch (resource.kind()) {
            case LAMBDA_FUNCTION -> {
                Payloads.withInput(scheduled, new PayloadText(input)).put("resource", resource.arn());
                if (timeout != null) {
                    scheduled.put("timeoutInSeconds", timeout);
                }
                putCredentials(scheduled, credentials);
            }
            case ACTIVITY -> {
                Payloads.withInput(scheduled, new PayloadText(input)).put("resource", resource.arn());
                putTimeouts(scheduled, timeout, heartbeat);
            }
            case SERVICE -> {
                scheduled.put("resourceType", resource.resourceType());
                scheduled.put("resource", resource.resource());
                scheduled.put("region", run.state.start.region());
                scheduled.putPOJO("parameters", new PayloadText(input));
                putTimeouts(scheduled, timeout, heartbeat);
                putCredentials(scheduled, credentials);
            }
        }
        run.emit(frame, resource.kind().scheduled, scheduled);
        if (resource.kind() != TaskResource.Kind.ACTIVITY) {
            run.emit(frame, resource.kind().started, serviceDetails(resource));
        }

        PendingTask pending = new PendingTask();
        pending.ref = ref;
        pending.resource = task.resource();
        pending.effectiveInput = input;
        pending.token = token;
        pending.heartbeatSeconds = heartbeat;
        branch.task = pending;
        branch.moveTo(Phase.TASK);
        branch.pendingRef = ref;
        run.command(new Command.InvokeTask(ref, task.name(), task.resource(), input, token, timeout, heartbeat,
                credentials, run.state.start.roleArn()));
        if (timeout != null) {
            pending.timeoutTimer = new PendingRef.TaskTimeout(taskRef).text();
            run.command(new Command.StartTimer(pending.timeoutTimer, run.now.plusSeconds(timeout)));
        }
        if (heartbeat != null) {
            scheduleHeartbeat(run, pending);
        }
    }

    private static void scheduleHeartbeat(Run run, PendingTask pending) {
        PendingRef.Task task = (PendingRef.Task) PendingRef.parse(pending.ref).orElseThrow();
        pending.heartbeatTimer = new PendingRef.Heartbeat(task, run.state.nextEventId, run.now.toEpochMilli()).text();
        run.command(new Command.StartTimer(pending.heartbeatTimer, run.now.plusSeconds(pending.heartbeatSeconds)));
    }

    private static void putTimeouts(ObjectNode details, Integer timeout, Integer heartbeat) {
        if (timeout != null) {
            details.put("timeoutInSeconds", timeout);
        }
        if (heartbeat != null) {
            details.put("heartbeatInSeconds", heartbeat);
        }
    }

    /** AWS records the role a Task's {@code Credentials} named as {@code taskCredentials}. */
    private static void putCredentials(ObjectNode details, JsonNode credentials) {
        if (credentials != null && credentials.path("RoleArn").isTextual()) {
            details.putObject("taskCredentials").put("roleArn", credentials.path("RoleArn").textValue());
        }
    }

    private static ObjectNode serviceDetails(TaskResource resource) {
        if (resource.kind() != TaskResource.Kind.SERVICE) {
            return null;
        }
        return Payloads.details().put("resourceType", resource.resourceType()).put("resource", resource.resource());
    }

    void started(StateRunner runner, Frame frame, String workerName) {
        Run run = runner.run();
        PendingTask pending = frame.branch().task;
        TaskResource resource = resourceOf(pending.resource);
        // A task handed out again after a restart (at-least-once) starts only once in the history.
        if (resource.kind() == TaskResource.Kind.ACTIVITY && !pending.started) {
            pending.started = true;
            ObjectNode details = Payloads.details();
            if (workerName != null) {
                details.put("workerName", workerName);
            }
            run.emit(frame, ACTIVITY_STARTED, details);
        }
    }

    /**
     * A {@code .sync} job was submitted: {@code TaskSubmitted} with the submission's answer, once — a repeated
     * delivery (at-least-once) finds the task already started. Only service integrations submit jobs. A
     * {@code startExecution.sync} Task remembers its child, to stop it if the Task ends first.
     */
    void submitted(StateRunner runner, Frame frame, JsonNode output) {
        Run run = runner.run();
        PendingTask pending = frame.branch().task;
        TaskResource resource = resourceOf(pending.resource);
        if (resource.kind() != TaskResource.Kind.SERVICE || pending.started) {
            return;
        }
        pending.started = true;
        if (STATES.equals(resource.resourceType())) {
            pending.child = output.path("ExecutionArn").asText(null);
        }
        PayloadText text = new PayloadText(output);
        run.emit(frame, TASK_SUBMITTED, () -> Payloads.withOutput(serviceDetails(resource), text));
    }

    /**
     * The task ends without its child execution ({@code startExecution.sync}): AWS stops the child too. The stop
     * is kept among the execution's notices, so it is carried out even when the execution has ended by then.
     */
    static void stopChild(Run run, PendingTask pending) {
        if (pending.child == null || pending.child.isEmpty()) {
            return;
        }
        String ref = new PendingRef.ChildStop((PendingRef.Task) PendingRef.parse(pending.ref).orElseThrow()).text();
        run.state.notices.add(ref);
        run.command(new Command.StopChild(ref, pending.child));
    }

    void heartbeat(StateRunner runner, Frame frame) {
        Run run = runner.run();
        PendingTask pending = frame.branch().task;
        if (pending.heartbeatSeconds != null) {
            run.command(new Command.CancelTimer(pending.heartbeatTimer));
            scheduleHeartbeat(run, pending);
        }
    }

    void succeeded(StateRunner runner, Frame frame, JsonNode output) {
        Run run = runner.run();
        BranchState branch = frame.branch();
        TaskResource resource = resourceOf(branch.task.resource);
        if (Payloads.exceedsLimit(output, run.sizeMemo)) {
            // AWS fails the task itself, naming the function ARN or the integration's service (recorded:
            // LocalStack test_states_errors.py::test_task_lambda_data_limit_exceeded_on_large_utf8_response,
            // "The state/task 'arn:aws:lambda:…:function:…' returned a result with a size exceeding the maximum
            // number of bytes service limit.", and ...::test_service_task_lambada_data_limit_exceeded_on_large_
            // utf8_response, "The state/task 'lambda' …" for arn:aws:states:::lambda:invoke).
            String name = resource.kind() == TaskResource.Kind.SERVICE ? resource.resourceType() : resource.arn();
            failed(runner, frame, StatesErrors.DATA_LIMIT_EXCEEDED, "The state/task '" + name
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
            return;
        }
        ObjectNode details = serviceDetails(resource);
        details = Payloads.withOutput(details == null ? Payloads.details() : details, new PayloadText(output));
        run.emit(frame, resource.kind().succeeded, details);
        cancelTimers(run, branch.task);
        runner.guarded(frame, () -> {
            EvalContext ctx = runner.context(frame, output, true, branch.task.token);
            dialect.exitWithResult(runner, frame, state, ResultFields.of(state), output, ctx);
        });
    }

    void failed(StateRunner runner, Frame frame, String error, String cause) {
        Run run = runner.run();
        BranchState branch = frame.branch();
        TaskResource resource = resourceOf(branch.task.resource);
        ObjectNode details = serviceDetails(resource);
        ObjectNode errorDetails = Payloads.errorDetails(error, cause);
        if (details != null) {
            errorDetails.setAll(details);
        }
        run.emit(frame, resource.kind().failed, errorDetails);
        cancelTimers(run, branch.task);
        runner.fail(frame, error, cause, false, true);
    }

    void timedOut(StateRunner runner, Frame frame, boolean heartbeat) {
        Run run = runner.run();
        BranchState branch = frame.branch();
        TaskResource resource = resourceOf(branch.task.resource);
        String error = heartbeat ? StatesErrors.HEARTBEAT_TIMEOUT : StatesErrors.TIMEOUT;
        ObjectNode details = Payloads.errorDetails(error, null);
        ObjectNode service = serviceDetails(resource);
        if (service != null) {
            details.setAll(service);
        }
        run.emit(frame, resource.kind().timedOut, details);
        cancelTimers(run, branch.task);
        stopChild(run, branch.task);
        // The event carries no cause, but the error output a Catch sees has an empty one (recorded:
        // services/lambda/error_handling/test_invoke_timeout).
        runner.fail(frame, error, "");
    }

    private static void cancelTimers(Run run, PendingTask pending) {
        if (pending.timeoutTimer != null) {
            run.command(new Command.CancelTimer(pending.timeoutTimer));
        }
        if (pending.heartbeatTimer != null) {
            run.command(new Command.CancelTimer(pending.heartbeatTimer));
        }
    }
}
