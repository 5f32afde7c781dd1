package io.stepwise.runtime;

import io.stepwise.asl.ResourceArn;
import io.stepwise.asl.StateMachineType;
import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.MapRunArns;
import io.stepwise.engine.ParentLink;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.ChildResult;
import io.stepwise.engine.port.ExecutionLookup;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.PendingRef;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries out the commands about other executions ({@link ChildCommands}) for whichever worker calls tasks, and
 * sends every other resource to {@code others}. Each is idempotent, since the outbox may hand one over twice: a
 * child that exists is not started again, a parent ignores a notice it had, a stopped child stays stopped.
 */
public final class ChildExecutions implements IntegrationRegistry {
    /**
     * EXPRESS children running at once in one runtime (over every Map Run): the runtime's share of AWS's 10,000
     * parallel children, kept to what one process (or one task Lambda) runs comfortably in threads.
     */
    public static final int EXPRESS_CHILDREN_AT_ONCE = 64;
    private final IntegrationRegistry others;
    private final ExecutionLookup executions;
    private final Clock clock;
    private final MapRuns mapRuns;
    private final MapRunIo io;
    private volatile StandardExecutions runner;
    private volatile NestedStarts nested;
    private volatile ExpressRunner express;
    private final BoundedWorkers expressWorkers;

    public ChildExecutions(IntegrationRegistry others, ExecutionLookup executions, Clock clock, MapRuns mapRuns) {
        this(others, executions, clock, mapRuns, MapRunIo.NONE);
    }

    /** @param io the ItemReader and ResultWriter the Distributed Maps use */
    public ChildExecutions(IntegrationRegistry others, ExecutionLookup executions, Clock clock, MapRuns mapRuns,
            MapRunIo io) {
        this(others, executions, clock, mapRuns, io, EXPRESS_CHILDREN_AT_ONCE);
    }

    /** @param expressChildrenAtOnce how many EXPRESS children of Distributed Maps this runtime runs at once */
    public ChildExecutions(IntegrationRegistry others, ExecutionLookup executions, Clock clock, MapRuns mapRuns,
            MapRunIo io, int expressChildrenAtOnce) {
        this(others, executions, clock, mapRuns, io, new BoundedWorkers("express-child", expressChildrenAtOnce));
    }

    /**
     * @param expressWorkers the threads EXPRESS children run on, shared by every ChildExecutions of one runtime (an
     *     in-memory runner makes one of these per run)
     */
    ChildExecutions(IntegrationRegistry others, ExecutionLookup executions, Clock clock, MapRuns mapRuns,
            MapRunIo io, BoundedWorkers expressWorkers) {
        this.expressWorkers = expressWorkers;
        this.others = others;
        this.executions = executions;
        this.clock = clock;
        this.mapRuns = mapRuns;
        this.io = io;
    }

    /** The runner that starts the children and applies their notices; it is built after the registry. */
    public void attach(StandardExecutions runner) {
        this.runner = runner;
    }

    /**
     * Where {@code startExecution.sync} and {@code .sync:2} Tasks start their children: on this Stepwise, linked to
     * the Task. Without it, those resources go to {@code others} like any other.
     */
    public void attach(NestedStarts nested) {
        this.nested = nested;
    }

    @Override
    public Optional<Integration> find(String resource) {
        if (ChildCommands.isInternal(resource)) {
            return Optional.of(this::invoke);
        }
        NestedStarts starts = nested;
        if (starts != null && startsSyncChild(resource)) {
            return Optional.of(starts::start);
        }
        return others.find(resource);
    }

    /** Whether the resource is {@code states:startExecution.sync} or {@code .sync:2}. */
    public static boolean startsSyncChild(String resource) {
        return resource != null && ResourceArn.parse(resource).orElse(null) instanceof ResourceArn.ServiceIntegration
                integration && integration.is("states", "startExecution") && integration.pattern().isSync();
    }

    private TaskOutcome invoke(TaskRequest request) {
        if (runner == null) {
            throw new IllegalStateException("no runner attached to the child executions");
        }
        Command command = ChildCommands.of(request.resource(), request.input());
        if (command instanceof Command.StartChildren start) {
            return startChildren(request.executionArn(), start);
        }
        if (command instanceof Command.ReadItems read) {
            return io.read(read);
        }
        if (command instanceof Command.CollectResults collect) {
            TaskOutcome outcome = io.collect(collect, index -> childResult(collect.mapRunArn(), index));
            if (outcome instanceof TaskOutcome.Succeeded) {
                if (collect.resultWriter() != null && !collect.resultWriter().isNull()) {
                    // AWS counts resultsWritten only for a ResultWriter's export, which holds every child.
                    mapRuns.resultsWritten(collect.mapRunArn(), collect.count());
                }
                mapRuns.ended(collect.mapRunArn(), "SUCCEEDED", clock.instant());
            }
            return outcome;
        }
        if (command instanceof Command.StopChildren stop) {
            mapRuns.ended(stop.mapRunArn(), stop.status(), clock.instant());
            for (int index : stop.indexes()) {
                loadChild(stop.mapRunArn(), index).ifPresent(child ->
                        runner.deliver(child.executionArn(), new Trigger.StopRequested(null, null)));
            }
            return new TaskOutcome.Succeeded(Json.MAPPER.createObjectNode());
        }
        if (command instanceof Command.RedriveChildren redrive) {
            return redriveChildren(request.executionArn(), redrive);
        }
        if (command instanceof Command.StopChild stop) {
            runner.deliver(stop.executionArn(), new Trigger.StopRequested(null, null));
            return new TaskOutcome.Succeeded(Json.MAPPER.createObjectNode());
        }
        if (command instanceof Command.NotifyParent notify && notify.parent().resource() != null) {
            // A Task waits: it gets the child's DescribeExecution, read from the record the child's end committed.
            ParentLink parent = notify.parent();
            executions.load(request.executionArn()).ifPresent(child -> {
                runner.deliver(parent.executionArn(), new Trigger.TaskSubmitted(parent.ref(),
                        SyncTaskResult.submission(child.executionArn(), child.startDate())));
                runner.deliver(parent.executionArn(), SyncTaskResult.of(parent, child));
            });
            return new TaskOutcome.Succeeded(Json.MAPPER.createObjectNode());
        }
        if (command instanceof Command.NotifyParent notify) {
            ParentLink parent = notify.parent();
            if (parent.mapRunArn() != null && isStale(request.executionArn(), notify.ref())) {
                return new TaskOutcome.Succeeded(Json.MAPPER.createObjectNode());
            }
            boolean counted = runner.deliver(parent.executionArn(), new Trigger.ChildFinished(parent.ref(),
                    parent.index(), notify.status(), notify.error(), notify.cause()));
            if (counted && parent.mapRunArn() != null) {
                mapRuns.childFinished(parent.mapRunArn(), notify.status());
            }
            return new TaskOutcome.Succeeded(Json.MAPPER.createObjectNode());
        }
        throw new IllegalStateException("unhandled internal command " + command);
    }

    private TaskOutcome startChildren(String parentArn, Command.StartChildren start) {
        Optional<ExecutionRecord> parent = executions.load(parentArn);
        if (parent.isEmpty()) {
            return new TaskOutcome.Failed("States.Runtime", "The parent execution " + parentArn + " is gone");
        }
        ExecutionStart parentStart = parent.get().state().start;
        String machineArn = childMachineArn(start.mapRunArn());
        String machineName = machineArn.substring(machineArn.indexOf(":stateMachine:") + ":stateMachine:".length());
        mapRuns.started(start, parentArn, parentStart.stateMachineArn(), clock.instant());
        // Without a Map Run store, nothing could keep an Express child's end: it runs as a Standard child instead.
        boolean isExpress = start.executionType() == StateMachineType.EXPRESS && mapRuns.keepsChildResults();
        int created = 0;
        List<Runnable> expressRuns = new ArrayList<>();
        for (Command.ChildStart child : start.children()) {
            ParentLink link = new ParentLink(parentArn, start.runRef(), child.index(), start.mapRunArn());
            ExecutionStart childStart = new ExecutionStart(child.executionArn(), child.name(), machineArn, machineName,
                    parentStart.roleArn(), parentStart.region(), Json.write(child.input()), clock.instant(),
                    parentStart.seed() * 31 + child.index(), null, isExpress ? null : link);
            if (isExpress) {
                expressRuns.add(() -> runExpress(childStart, start.definition(), start.mapRunArn(), child.index(), 0));
            } else if (runner.start(childStart, start.definition())) {
                created++;
            }
        }
        // A batch holds no more children than the Map's MaxConcurrency leaves room for, so its EXPRESS children run
        // side by side, up to the runtime's limit; their ends are kept by index and reported in item order below.
        if (!expressRuns.isEmpty()) {
            expressWorkers.runAll(expressRuns);
        }
        if (isExpress) {
            // Express children ran to their end above. Each is counted as started and finished together, by the
            // delivery the parent counted, so a repeated command (or one cut short by a crash) counts none twice.
            for (Command.ChildStart child : start.children()) {
                mapRuns.childResult(start.mapRunArn(), child.index()).ifPresent(result -> {
                    ExecutionStatus status = notifyParent(
                            new ParentLink(parentArn, start.runRef(), child.index(), start.mapRunArn()), result);
                    if (status != null) {
                        mapRuns.childrenStarted(start.mapRunArn(), 1);
                        mapRuns.childFinished(start.mapRunArn(), status);
                    }
                });
            }
            return new TaskOutcome.Succeeded(Json.MAPPER.createObjectNode());
        }
        mapRuns.childrenStarted(start.mapRunArn(), created);
        return new TaskOutcome.Succeeded(Json.MAPPER.createObjectNode());
    }

    /**
     * Runs an Express child in memory to its end and keeps its end in the Map Run's storage, as AWS runs a Map's
     * Express children: no execution record or history of their own, at least once. A child whose end of this
     * attempt ({@code redriveCount}) was kept by an earlier delivery of the same command is not run again.
     */
    private void runExpress(ExecutionStart childStart, String definition, String mapRunArn, int index,
            int redriveCount) {
        if (mapRuns.childResult(mapRunArn, index).filter(kept -> kept.redriveCount() >= redriveCount).isPresent()) {
            return;
        }
        ExecutionState end = expressRunner().run(childStart, definition);
        boolean ended = end.status != ExecutionStatus.RUNNING;
        mapRuns.keepChildResult(mapRunArn, index, new ChildResult(childStart.executionArn(), childStart.name(),
                childStart.stateMachineArn(), ended ? end.status.name() : "FAILED", childStart.inputText(),
                end.output == null ? null : Json.write(end.output), ended ? end.error : StatesErrors.RUNTIME,
                ended ? end.cause : "The Express execution waited for something that cannot arrive in memory",
                childStart.startTime(), clock.instant(), redriveCount));
    }

    /** Made on first use, once even when a batch's children ask for it together. */
    private synchronized ExpressRunner expressRunner() {
        if (express == null) {
            express = new ExpressRunner(this, clock);
        }
        return express;
    }

    /**
     * Redrives the Express children of a Map Run: AWS cannot redrive an Express execution, so the unsuccessful ones
     * run again from their kept input, under the same ARN, and the parent hears of every child's end again (it
     * ignores the ends it had counted).
     */
    private TaskOutcome redriveExpress(String parentArn, Command.RedriveChildren redrive) {
        Optional<ExecutionRecord> parent = executions.load(parentArn);
        if (parent.isEmpty()) {
            return new TaskOutcome.Failed("States.Runtime", "The parent execution " + parentArn + " is gone");
        }
        ExecutionStart parentStart = parent.get().state().start;
        String machineArn = childMachineArn(redrive.mapRunArn());
        String machineName = machineArn.substring(machineArn.indexOf(":stateMachine:") + ":stateMachine:".length());
        // The redrive's ref is the run's with the redrive's number after it; the children's ends answer the run's.
        String runRef = ((PendingRef.MapRunCommand) PendingRef.parse(redrive.ref()).orElseThrow()).run().text();
        int limit = redrive.limit() <= 0 ? Integer.MAX_VALUE : redrive.limit();
        List<Integer> batch = new ArrayList<>();
        List<Runnable> runs = new ArrayList<>();
        int index = redrive.from();
        for (; index < redrive.launched() && batch.size() < limit; index++) {
            Optional<ChildResult> kept = mapRuns.childResult(redrive.mapRunArn(), index);
            if (kept.isEmpty()) {
                mapRuns.childRedriven(redrive.mapRunArn(), false);
                continue;
            }
            ChildResult child = kept.get();
            if ("SUCCEEDED".equals(child.status()) && child.redriveCount() < redrive.redriveCount()) {
                if (runner.deliver(parentArn, new Trigger.ChildFinished(runRef, index, ExecutionStatus.SUCCEEDED,
                        null, null))) {
                    mapRuns.succeededBeforeRedrive(redrive.mapRunArn());
                }
                continue;
            }
            // A child this redrive ran already (an earlier delivery of the command) is not run again: runExpress
            // keeps its end, which is reported again below and ignored by the parent if it had it.
            int at = index;
            ExecutionStart again = new ExecutionStart(child.executionArn(), child.name(), machineArn, machineName,
                    parentStart.roleArn(), parentStart.region(), child.input(), clock.instant(),
                    parentStart.seed() * 31 + index + redrive.redriveCount(), null, null);
            runs.add(() -> runExpress(again, redrive.definition(), redrive.mapRunArn(), at, redrive.redriveCount()));
            batch.add(index);
        }
        if (!runs.isEmpty()) {
            expressWorkers.runAll(runs);
        }
        for (int child : batch) {
            ParentLink link = new ParentLink(parentArn, runRef, child, redrive.mapRunArn());
            mapRuns.childResult(redrive.mapRunArn(), child).ifPresent(result -> {
                ExecutionStatus status = notifyParent(link, result);
                if (status != null) {
                    mapRuns.childRedriven(redrive.mapRunArn(), true);
                    mapRuns.childFinished(redrive.mapRunArn(), status);
                }
            });
        }
        return nextBatch(index);
    }

    /**
     * Tells the parent of an Express child's end; returns the status if the parent counted it, {@code null} if it
     * had (a repeated notice).
     */
    private ExecutionStatus notifyParent(ParentLink parent, ChildResult result) {
        ExecutionStatus status = ExecutionStatus.valueOf(result.status());
        return runner.deliver(parent.executionArn(), new Trigger.ChildFinished(parent.ref(), parent.index(), status,
                result.error(), result.cause())) ? status : null;
    }

    /**
     * Redrives the Map Run's children that failed, timed out or were aborted, under their own ARNs and histories;
     * succeeded children are not re-run. A child still being stopped is stopped now and redriven; a child that
     * succeeded after its parent closed, whose notice the closed parent ignored, reports its end again (the parent
     * ignores it if it had counted it). A child redriven already has a redrive count at least the run's, so a
     * repeated command redrives nobody twice; it counts toward the batch's limit all the same, so a repeated command
     * ends its batch where the first did.
     */
    private TaskOutcome redriveChildren(String parentArn, Command.RedriveChildren redrive) {
        mapRuns.redriven(redrive.mapRunArn(), redrive.redriveCount(), redrive.launched(), clock.instant());
        if (redrive.executionType() == StateMachineType.EXPRESS && mapRuns.keepsChildResults()) {
            return redriveExpress(parentArn, redrive);
        }
        int limit = redrive.limit() <= 0 ? Integer.MAX_VALUE : redrive.limit();
        int inBatch = 0;
        int index = redrive.from();
        for (; index < redrive.launched() && inBatch < limit; index++) {
            Optional<ExecutionRecord> child = loadChild(redrive.mapRunArn(), index);
            if (child.isPresent() && child.get().state().redriveCount >= redrive.redriveCount()) {
                inBatch++;
                continue;
            }
            String arn = child.map(ExecutionRecord::executionArn).orElse(childArn(redrive.mapRunArn(), index));
            if (child.isPresent() && child.get().status() == ExecutionStatus.RUNNING) {
                runner.deliver(arn, new Trigger.StopRequested(null, null));
                child = executions.load(arn);
            }
            ExecutionStatus status = child.map(ExecutionRecord::status).orElse(null);
            if (status == ExecutionStatus.SUCCEEDED) {
                ParentLink link = child.get().state().start.parent();
                if (runner.deliver(parentArn, new Trigger.ChildFinished(link.ref(), index, status, null, null))) {
                    mapRuns.succeededBeforeRedrive(redrive.mapRunArn());
                }
                continue;
            }
            if (status == ExecutionStatus.RUNNING) {
                continue;
            }
            boolean redriven = child.isPresent() && runner.deliver(arn, new Trigger.RedriveRequested());
            if (redriven || child.isEmpty()) {
                mapRuns.childRedriven(redrive.mapRunArn(), redriven);
            }
            if (redriven) {
                inBatch++;
            }
        }
        return nextBatch(index);
    }

    /** The answer to a redrive batch: where the next one starts. */
    private static TaskOutcome nextBatch(int next) {
        return new TaskOutcome.Succeeded(Json.MAPPER.createObjectNode().put("next", next));
    }

    /**
     * Whether the notice {@code ref} is from an attempt of the child before its latest redrive: the parent, which
     * counts the redriven attempt instead, must not hear of it.
     */
    private boolean isStale(String childArn, String ref) {
        if (!(PendingRef.parse(ref).orElse(null) instanceof PendingRef.ParentNotice notice)) {
            return false;
        }
        return executions.load(childArn).map(child -> child.state().redriveCount > notice.redriveCount())
                .orElse(false);
    }

    /** The child at {@code index} as ResultWriter reports it, or {@code null} if it was never started. */
    private ChildResult childResult(String mapRunArn, int index) {
        Optional<ExecutionRecord> child = loadChild(mapRunArn, index);
        if (child.isEmpty()) {
            return mapRuns.childResult(mapRunArn, index).orElse(null);
        }
        ExecutionRecord record = child.get();
        ExecutionState state = record.state();
        return new ChildResult(record.executionArn(), record.name(), record.stateMachineArn(), record.status().name(),
                state.start.inputText(), state.output == null ? null : Json.write(state.output), state.error,
                state.cause, record.startDate(), record.stopDate(), state.redriveCount);
    }

    /** The child execution at {@code index} of a Map Run, as AWS names it ({@link MapRunArns#childArn}). */
    public static String childArn(String mapRunArn, int index) {
        return MapRunArns.childArn(mapRunArn, index);
    }

    /**
     * The state machine ARN a Map Run's children are stored with: the parent machine's, qualified by the Map's label
     * and the run id, so that the children of one Map Run list together ({@link MapRunArns#childMachineArn}).
     */
    public static String childMachineArn(String mapRunArn) {
        return MapRunArns.childMachineArn(mapRunArn);
    }

    /** The child's record, under its ARN or, kept by an older Stepwise, under the ARN children had then. */
    private Optional<ExecutionRecord> loadChild(String mapRunArn, int index) {
        return executions.load(childArn(mapRunArn, index))
                .or(() -> executions.load(MapRunArns.legacyChildArn(mapRunArn, index)));
    }
}
