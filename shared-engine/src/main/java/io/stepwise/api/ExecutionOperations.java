package io.stepwise.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.StateMachineType;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.MapRunArns;
import io.stepwise.engine.ParentLink;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.history.HistoryJson;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionSummary;
import io.stepwise.engine.port.InvalidPageToken;
import io.stepwise.engine.port.Page;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineVersionStore;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.query.Json;
import io.stepwise.runtime.ChildExecutions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, GetExecutionHistory, StopExecution. */
final class ExecutionOperations {
    private static final Set<ExecutionStatus> REDRIVABLE =
            Set.of(ExecutionStatus.FAILED, ExecutionStatus.ABORTED, ExecutionStatus.TIMED_OUT);
    /** AWS redrives only executions with fewer than 24,999 history events (REDRIVE). */
    private static final long MAX_EVENTS_TO_REDRIVE = 24_999;
    private final Backend backend;
    private final SecureRandom random = new SecureRandom();

    ExecutionOperations(Backend backend) {
        this.backend = backend;
    }

    void register(Map<String, Operation> operations) {
        operations.put("StartExecution", this::start);
        operations.put("StartSyncExecution", this::startSync);
        operations.put("DescribeExecution", this::describe);
        operations.put("ListExecutions", this::list);
        operations.put("GetExecutionHistory", this::history);
        operations.put("StopExecution", this::stop);
        operations.put("RedriveExecution", this::redrive);
    }

    private ObjectNode start(ApiRequest request) {
        String requested = request.required("stateMachineArn");
        MachineTarget target = MachineTarget.resolve(backend, backend.startHook().stateMachineArn(requested), random);
        StateMachineRecord machine = target.machine();
        String name = Names.require(request.optional("name", UniqueIds.random()));
        String input = ExecutionInput.require(request.optional("input", "{}"));
        boolean express = machine.type() == StateMachineType.EXPRESS;
        Arns home = Arns.ofResource(machine.arn());
        String arn = express ? home.expressExecution(machine.name(), name, UniqueIds.random())
                : home.execution(machine.name(), name);
        backend.startHook().beforeStart(requested, arn, machine.name());
        ExecutionStart start = new ExecutionStart(arn, name, machine.arn(), machine.name(), target.roleArn(),
                home.region(), input, backend.clock().instant(), random.nextLong());
        if (express) {
            // Asynchronous Express executions run in memory and keep no history or status (AWS).
            if (!backend.expressLauncher().launch(start, target.definition())) {
                throw ApiException.of("ThrottlingException", "Rate exceeded");
            }
        } else if (backend.runner().start(start, target.definition())) {
            if (target.versionArn() != null) {
                backend.versions().recordExecutionSource(arn, target.versionArn(), target.aliasArn());
            }
        } else {
            String taken = arn;
            ExecutionRecord existing = backend.executions().load(arn).orElseThrow(() -> alreadyExists(taken));
            // Starting the same name with the same input while it runs returns the running execution (AWS docs).
            if (existing.status() != ExecutionStatus.RUNNING || !existing.state().start.inputText().equals(input)) {
                throw alreadyExists(arn);
            }
            start = existing.state().start;
        }
        ObjectNode response = WireJson.object().put("executionArn", arn);
        WireJson.putDate(response, "startDate", start.startTime());
        return response;
    }

    private static ApiException alreadyExists(String arn) {
        return ApiException.of("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
    }

    private ObjectNode startSync(ApiRequest request) {
        StateMachineRecord machine = backend.machine(request.required("stateMachineArn"));
        if (machine.type() != StateMachineType.EXPRESS) {
            throw ApiException.of("StateMachineTypeNotSupported",
                    "This operation is not supported by this type of state machine");
        }
        String name = Names.require(request.optional("name", UniqueIds.random()));
        String input = ExecutionInput.require(request.optional("input", "{}"));
        Arns home = Arns.ofResource(machine.arn());
        String arn = home.expressExecution(machine.name(), name, UniqueIds.random());
        Instant startDate = backend.clock().instant();
        long started = System.nanoTime();
        ExecutionStart start = new ExecutionStart(arn, name, machine.arn(), machine.name(), machine.roleArn(),
                home.region(), input, startDate, random.nextLong());
        ExecutionState state = backend.expressRunner().run(start, machine.definition());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        ObjectNode response = WireJson.object()
                .put("executionArn", arn).put("stateMachineArn", machine.arn()).put("name", name)
                .put("status", state.status == ExecutionStatus.RUNNING ? ExecutionStatus.FAILED.name()
                        : state.status.name());
        WireJson.putDate(response, "startDate", startDate);
        WireJson.putDate(response, "stopDate", backend.clock().instant());
        putPayloads(response, state);
        // Express billing rounds the duration up to the next 100 ms; 64 MB is the smallest memory bucket.
        long billedMillis = Math.max(100, (took.toMillis() + 99) / 100 * 100);
        response.putObject("billingDetails").put("billedMemoryUsedInMB", 64)
                .put("billedDurationInMilliseconds", billedMillis);
        return response;
    }

    private static void putPayloads(ObjectNode response, ExecutionState state) {
        response.put("input", state.start.inputText());
        response.putObject("inputDetails").put("included", true);
        if (state.status == ExecutionStatus.SUCCEEDED && state.output != null) {
            response.put("output", Json.write(state.output));
            response.putObject("outputDetails").put("included", true);
        }
        WireJson.putIfPresent(response, "error", state.error);
        WireJson.putIfPresent(response, "cause", state.cause);
    }

    private ObjectNode describe(ApiRequest request) {
        ExecutionRecord execution = backend.execution(request.required("executionArn"));
        ObjectNode response = WireJson.object()
                .put("executionArn", execution.executionArn())
                .put("stateMachineArn", MapRunArns.shownMachineArn(execution.stateMachineArn()))
                .put("name", execution.name())
                .put("status", execution.status().name());
        WireJson.putDate(response, "startDate", execution.startDate());
        WireJson.putDate(response, "stopDate", execution.stopDate());
        putPayloads(response, execution.state());
        putRedrive(response, execution);
        ParentLink parent = execution.state().start.parent();
        if (parent != null && parent.mapRunArn() != null) {
            response.put("mapRunArn", parent.mapRunArn());
        }
        backend.versions().executionSource(execution.executionArn()).ifPresent(source -> {
            response.put("stateMachineVersionArn", source.versionArn());
            WireJson.putIfPresent(response, "stateMachineAliasArn", source.aliasArn());
        });
        return response;
    }

    private void putRedrive(ObjectNode response, ExecutionRecord execution) {
        int redrives = execution.state().redriveCount;
        response.put("redriveCount", redrives);
        if (redrives > 0) {
            WireJson.putDate(response, "redriveDate", execution.redriveDate());
        }
        String notRedrivable = notRedrivableReason(execution);
        response.put("redriveStatus", notRedrivable == null ? "REDRIVABLE" : "NOT_REDRIVABLE");
        WireJson.putIfPresent(response, "redriveStatusReason", notRedrivable);
    }

    /** Why AWS would refuse to redrive the execution, or {@code null} when it may be redriven. */
    private static String notRedrivableReason(ExecutionRecord execution) {
        if (!REDRIVABLE.contains(execution.status())) {
            return "Execution is " + execution.status() + " and cannot be redriven";
        }
        if (execution.state().lastEventId() >= MAX_EVENTS_TO_REDRIVE) {
            return "Execution has " + execution.state().lastEventId() + " history events and cannot be redriven";
        }
        return null;
    }

    private ObjectNode redrive(ApiRequest request) {
        ExecutionRecord execution = backend.execution(request.required("executionArn"));
        String reason = notRedrivableReason(execution);
        // A concurrent redrive or stop may win between the check and the delivery: then nothing was reopened.
        if (reason != null || !backend.runner().deliver(execution.executionArn(), new Trigger.RedriveRequested())) {
            throw ApiException.of("ExecutionNotRedrivable", reason != null ? reason
                    : "Execution is " + backend.execution(execution.executionArn()).status() + " and cannot be redriven");
        }
        ObjectNode response = WireJson.object();
        WireJson.putDate(response, "redriveDate", backend.clock().instant());
        return response;
    }

    /**
     * A machine's executions, or those started with one of its versions or aliases (AWS lists those by the version
     * or alias ARN), optionally only the redriven or the never-redriven ones.
     */
    private ObjectNode list(ApiRequest request) {
        String mapRunArn = request.optional("mapRunArn");
        String requested = request.optional("stateMachineArn");
        Arns.Qualified qualified;
        String machineArn;
        if (mapRunArn != null) {
            if (requested != null) {
                throw ApiException.of("ValidationException",
                        "Only one of stateMachineArn or mapRunArn can be specified");
            }
            qualified = null;
            // A Map Run's children carry a state machine ARN of their own run (see ChildExecutions).
            machineArn = ChildExecutions.childMachineArn(MapRunOperations.requireMapRun(backend, mapRunArn)
                    .mapRunArn());
        } else {
            request.required("stateMachineArn");
            qualified = Arns.qualified(requested);
            machineArn = backend.machine(qualified.stateMachineArn()).arn();
            if (qualified.isVersion() && backend.versions().findVersion(requested).isEmpty()
                    || qualified.isAlias() && backend.versions().findAlias(requested).isEmpty()) {
                throw ApiException.of("ResourceNotFound", "Resource not found: '" + requested + "'");
            }
        }
        ExecutionStatus status = status(request.optional("statusFilter"));
        String redriveFilter = request.optional("redriveFilter");
        int maxResults = request.pageSize("maxResults", 100, 1000);
        Predicate<ExecutionSummary> keep = summary -> true;
        if (qualified != null && qualified.qualifier() != null) {
            keep = summary -> backend.versions().executionSource(summary.executionArn())
                    .map(source -> requested.equals(qualified.isVersion() ? source.versionArn() : source.aliasArn()))
                    .orElse(false);
        }
        if (redriveFilter != null) {
            boolean redriven = redriveFilter.equals("REDRIVEN");
            keep = keep.and(summary -> summary.redriveDate() != null ? redriven
                    : backend.executions().load(summary.executionArn())
                            .map(record -> record.state().redriveCount > 0 == redriven).orElse(false));
        }
        Page<ExecutionSummary> page;
        try {
            page = FilteredPages.of(maxResults, request.optional("nextToken"),
                    (size, token) -> backend.executions().list(machineArn, status, size, token), keep);
        } catch (InvalidPageToken e) {
            throw ApiException.of("InvalidToken", "Invalid Token: 'Invalid pagination token'");
        }
        ObjectNode response = WireJson.object();
        ArrayNode items = response.putArray("executions");
        for (ExecutionSummary summary : page.items()) {
            ObjectNode item = items.addObject()
                    .put("executionArn", summary.executionArn())
                    .put("stateMachineArn", MapRunArns.shownMachineArn(summary.stateMachineArn()))
                    .put("name", summary.name()).put("status", summary.status().name());
            WireJson.putDate(item, "startDate", summary.startDate());
            WireJson.putDate(item, "stopDate", summary.stopDate());
            WireJson.putIfPresent(item, "mapRunArn", mapRunArn);
            putRedrives(item, summary);
            backend.versions().executionSource(summary.executionArn()).ifPresent(source -> {
                item.put("stateMachineVersionArn", source.versionArn());
                WireJson.putIfPresent(item, "stateMachineAliasArn", source.aliasArn());
            });
        }
        WireJson.putIfPresent(response, "nextToken", page.nextToken());
        return response;
    }

    /**
     * {@code redriveCount} (0 for an execution never redriven) and {@code redriveDate} of a listed Standard
     * execution, as ExecutionListItem has them; the count is read from the execution only when it was redriven.
     */
    private void putRedrives(ObjectNode item, ExecutionSummary summary) {
        if (summary.redriveDate() == null) {
            item.put("redriveCount", 0);
            return;
        }
        item.put("redriveCount", backend.executions().load(summary.executionArn())
                .map(record -> record.state().redriveCount).orElse(1));
        WireJson.putDate(item, "redriveDate", summary.redriveDate());
    }

    private static ExecutionStatus status(String filter) {
        if (filter == null) {
            return null;
        }
        try {
            return ExecutionStatus.valueOf(filter);
        } catch (IllegalArgumentException e) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value '" + filter
                    + "' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set");
        }
    }

    private ObjectNode history(ApiRequest request) {
        ExecutionRecord execution = backend.execution(request.required("executionArn"));
        int maxResults = request.pageSize("maxResults", 100, 1000);
        boolean reverse = request.flag("reverseOrder", false);
        boolean includeData = request.flag("includeExecutionData", true);
        Page<HistoryEvent> page;
        try {
            page = backend.executions().history(execution.executionArn(), maxResults, request.optional("nextToken"),
                    reverse);
        } catch (InvalidPageToken e) {
            throw ApiException.of("InvalidToken", "Invalid Token: 'Invalid pagination token'");
        }
        ObjectNode response = WireJson.object();
        ArrayNode events = response.putArray("events");
        Optional<StateMachineVersionStore.ExecutionSource> source =
                backend.versions().executionSource(execution.executionArn());
        for (HistoryEvent event : page.items()) {
            ObjectNode wire = HistoryJson.event(event);
            // The version or alias the execution was started with: kept beside the execution, not in its state.
            if (event.type() == HistoryEventType.EXECUTION_STARTED && source.isPresent()
                    && wire.get(event.detailsKey()) instanceof ObjectNode started) {
                started.put("stateMachineVersionArn", source.get().versionArn());
                WireJson.putIfPresent(started, "stateMachineAliasArn", source.get().aliasArn());
            }
            if (!includeData && wire.get(event.detailsKey()) instanceof ObjectNode details) {
                details.remove("input");
                details.remove("output");
            }
            events.add(wire);
        }
        WireJson.putIfPresent(response, "nextToken", page.nextToken());
        return response;
    }

    private ObjectNode stop(ApiRequest request) {
        ExecutionRecord execution = backend.execution(request.required("executionArn"));
        String error = request.optional("error");
        String cause = request.optional("cause");
        backend.runner().deliver(execution.executionArn(), new Trigger.StopRequested(error, cause));
        ExecutionRecord after = backend.execution(execution.executionArn());
        ObjectNode response = WireJson.object();
        WireJson.putDate(response, "stopDate", after.stopDate() != null ? after.stopDate() : backend.clock().instant());
        return response;
    }
}
