package io.stepwise.runtime;

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
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.PendingRef;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The child executions of Distributed Maps, for {@link ChildExecutions}: starting a Map Run's batch of children and
 * redriving them. STANDARD children are executions of their own; EXPRESS children run in memory to their end, which
 * the Map Run's storage keeps. Both are idempotent, since the outbox may hand a command over twice: a child that
 * exists is not started again, a child redriven already is not redriven twice.
 */
final class MapRunChildren {
    private final IntegrationRegistry registry;
    private final ExecutionLookup executions;
    private final Clock clock;
    private final MapRuns mapRuns;
    private final BoundedWorkers expressWorkers;
    private volatile StandardExecutions runner;
    private volatile ExpressRunner express;

    /**
     * @param registry the integrations EXPRESS children call (the {@link ChildExecutions} that owns this)
     * @param expressWorkers the threads EXPRESS children run on
     */
    MapRunChildren(IntegrationRegistry registry, ExecutionLookup executions, Clock clock, MapRuns mapRuns,
            BoundedWorkers expressWorkers) {
        this.registry = registry;
        this.executions = executions;
        this.clock = clock;
        this.mapRuns = mapRuns;
        this.expressWorkers = expressWorkers;
    }

    /** The runner that starts STANDARD children and hears of their ends; it is built after the registry. */
    void attach(StandardExecutions runner) {
        this.runner = runner;
    }

    /**
     * Starts a batch of a Map Run's children: STANDARD children as executions linked to the parent, EXPRESS children
     * run to their end here, each end told to the parent in item order.
     */
    TaskOutcome start(String parentArn, Command.StartChildren start) {
        Optional<ExecutionRecord> parent = executions.load(parentArn);
        if (parent.isEmpty()) {
            return new TaskOutcome.Failed("States.Runtime", "The parent execution " + parentArn + " is gone");
        }
        ExecutionStart parentStart = parent.get().state().start;
        String machineArn = MapRunArns.childMachineArn(start.mapRunArn());
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
            express = new ExpressRunner(registry, clock);
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
        String machineArn = MapRunArns.childMachineArn(redrive.mapRunArn());
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
    TaskOutcome redrive(String parentArn, Command.RedriveChildren redrive) {
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
            String arn = child.map(ExecutionRecord::executionArn).orElse(MapRunArns.childArn(redrive.mapRunArn(), index));
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

    /** The child at {@code index} as ResultWriter reports it, or {@code null} if it was never started. */
    ChildResult childResult(String mapRunArn, int index) {
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

    /** The child's record, under its ARN or, kept by an older Stepwise, under the ARN children had then. */
    Optional<ExecutionRecord> loadChild(String mapRunArn, int index) {
        return executions.load(MapRunArns.childArn(mapRunArn, index))
                .or(() -> executions.load(MapRunArns.legacyChildArn(mapRunArn, index)));
    }
}
