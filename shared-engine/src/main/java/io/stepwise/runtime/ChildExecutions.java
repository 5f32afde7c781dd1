package io.stepwise.runtime;

import io.stepwise.asl.ResourceArn;
import io.stepwise.engine.Command;
import io.stepwise.engine.MapRunArns;
import io.stepwise.engine.ParentLink;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.ExecutionLookup;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.engine.state.PendingRef;
import io.stepwise.query.Json;
import java.time.Clock;
import java.util.Optional;

/**
 * Carries out the commands about other executions ({@link ChildCommands}) for whichever worker calls tasks (a Map
 * Run's child starts and redrives through {@link MapRunChildren}; notices, stops and results here), and
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
    private final MapRunChildren children;
    private volatile StandardExecutions runner;
    private volatile NestedStarts nested;

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
        this.others = others;
        this.executions = executions;
        this.clock = clock;
        this.mapRuns = mapRuns;
        this.io = io;
        this.children = new MapRunChildren(this, executions, clock, mapRuns, expressWorkers);
    }

    /** The runner that starts the children and applies their notices; it is built after the registry. */
    public void attach(StandardExecutions runner) {
        this.runner = runner;
        children.attach(runner);
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
            return children.start(request.executionArn(), start);
        }
        if (command instanceof Command.ReadItems read) {
            return io.read(read);
        }
        if (command instanceof Command.CollectResults collect) {
            TaskOutcome outcome = io.collect(collect, index -> children.childResult(collect.mapRunArn(), index));
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
                children.loadChild(stop.mapRunArn(), index).ifPresent(child ->
                        runner.deliver(child.executionArn(), new Trigger.StopRequested(null, null)));
            }
            return new TaskOutcome.Succeeded(Json.MAPPER.createObjectNode());
        }
        if (command instanceof Command.RedriveChildren redrive) {
            return children.redrive(request.executionArn(), redrive);
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
}
