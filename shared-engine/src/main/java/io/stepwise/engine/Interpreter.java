package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.EXECUTION_ABORTED;
import static io.stepwise.engine.history.HistoryEventType.EXECUTION_FAILED;
import static io.stepwise.engine.history.HistoryEventType.EXECUTION_STARTED;
import static io.stepwise.engine.history.HistoryEventType.EXECUTION_SUCCEEDED;
import static io.stepwise.engine.history.HistoryEventType.EXECUTION_TIMED_OUT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.State;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.asl.TaskState;
import io.stepwise.asl.WaitState;
import io.stepwise.engine.history.PayloadText;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.PendingRef;
import io.stepwise.engine.state.Phase;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * The ASL interpreter, a pure function: {@code (state, trigger, now) → Step(new state, history, commands)}.
 * It reads no clock, performs no I/O and draws randomness only from the execution's seed, so any runtime
 * (in memory, SQLite, DynamoDB) can run it one trigger at a time and replay gives the same result.
 */
public final class Interpreter {
    static final String EXECUTION_TIMEOUT = PendingRef.ExecutionTimeout.TEXT;

    private final StateMachineDefinition definition;
    private final EngineLimits limits;
    private final JsonataTemplates templates = new JsonataTemplates();

    public Interpreter(StateMachineDefinition definition) {
        this(definition, EngineLimits.AWS);
    }

    public Interpreter(StateMachineDefinition definition, EngineLimits limits) {
        this.definition = definition;
        this.limits = limits;
    }

    public StateMachineDefinition definition() {
        return definition;
    }

    /** Starts an execution: {@code ExecutionStarted}, then as many states as run without waiting. */
    public Step start(ExecutionStart start) {
        ExecutionState state = new ExecutionState();
        state.start = start;
        state.input = Json.parse(start.inputText());
        Run run = new Run(definition, limits, templates, state, start.startTime());
        ObjectNode details = Payloads.withInput(Payloads.details(), start.inputText());
        details.put("roleArn", start.roleArn());
        run.emitWithPrevious(null, EXECUTION_STARTED, details, 0);
        state.root = BranchState.create("root", definition.workflow().startAt(), state.input, 0);
        // AWS shows the first state's input as the text the execution was started with (recorded: LocalStack
        // test_base_scenarios.py::test_map_state_nested, "input": "[[1, 2, 3], [4, 5, 6]]").
        state.root.stateInputText = new PayloadText(state.input, start.inputText());
        if (definition.timeoutSeconds() != null) {
            run.command(new Command.StartTimer(EXECUTION_TIMEOUT, start.startTime().plusSeconds(definition.timeoutSeconds())));
        }
        Frame root = rootFrame(state);
        try {
            new StateRunner(run).advance(root);
            finishIfDone(run, root);
        } catch (Run.HistoryLimitReached e) {
            run.failAtHistoryLimit();
        }
        return new Step(state, run.events, run.commands);
    }

    /** Applies {@code trigger} to a copy of {@code state}; {@code state} itself is left unchanged. */
    public Step apply(ExecutionState state, Trigger trigger, Instant now) {
        return applyInPlace(state.copy(), trigger, now);
    }

    /** As {@link #apply}, but changes {@code state} itself: for runners that keep no older version. */
    public Step applyInPlace(ExecutionState state, Trigger trigger, Instant now) {
        Run run = new Run(definition, limits, templates, state, now);
        if (trigger instanceof Trigger.RedriveRequested) {
            return redrive(run);
        }
        if (state.status != ExecutionStatus.RUNNING) {
            return new Step(state, run.events, run.commands);
        }
        try {
            if (trigger instanceof Trigger.StopRequested stop) {
                abort(run, stop);
            } else if (trigger instanceof Trigger.TimerFired fired && fired.ref().equals(EXECUTION_TIMEOUT)) {
                timeOut(run);
            } else {
                deliver(run, trigger);
            }
        } catch (Run.HistoryLimitReached e) {
            run.failAtHistoryLimit();
        }
        return new Step(state, run.events, run.commands);
    }

    /** Reopens a failed, aborted or timed-out execution; any other is left as it is. */
    private Step redrive(Run run) {
        if (Redrive.isRedrivable(run.state.status)) {
            Frame root = rootFrame(run.state);
            try {
                Redrive.reopen(run, root);
                new StateRunner(run).advance(root);
                finishIfDone(run, root);
            } catch (Run.HistoryLimitReached e) {
                run.failAtHistoryLimit();
            }
        }
        return new Step(run.state, run.events, run.commands);
    }

    private void deliver(Run run, Trigger trigger) {
        String ref = refOf(trigger);
        Frame root = rootFrame(run.state);
        Frame target = find(root, b -> ref.equals(b.pendingRef)
                || (b.task != null && (ref.equals(b.task.timeoutTimer) || ref.equals(b.task.heartbeatTimer))));
        if (target == null) {
            return;
        }
        StateRunner runner = new StateRunner(run);
        BranchState branch = target.branch();
        State state = target.state();
        if (trigger instanceof Trigger.TimerFired) {
            // A timer counts only for what the branch waits on now: the timeout timers of a failed attempt
            // may still fire during the retry backoff.
            boolean current = ref.equals(branch.pendingRef);
            if (current && branch.phase == Phase.RETRY_BACKOFF) {
                runner.retry(target);
            } else if (current && branch.phase == Phase.WAITING && state instanceof WaitState wait) {
                runner.guarded(target, () -> runner.waits().finish(target, wait));
            } else if (!current && branch.phase == Phase.TASK && state instanceof TaskState) {
                runner.tasks().timedOut(target, ref.equals(branch.task.heartbeatTimer));
            }
        } else if (branch.phase == Phase.TASK && ref.equals(branch.pendingRef)) {
            if (trigger instanceof Trigger.TaskSucceeded succeeded) {
                runner.tasks().succeeded(target, succeeded.output());
            } else if (trigger instanceof Trigger.TaskFailed failed) {
                runner.tasks().failed(target, failed.error(), failed.cause());
            } else if (trigger instanceof Trigger.TaskStarted started) {
                runner.tasks().started(target, started.workerName());
            } else if (trigger instanceof Trigger.TaskHeartbeat) {
                runner.tasks().heartbeat(target);
            }
        }
        runner.advance(target);
        settle(run, runner, target);
    }

    /** A child that ended may let its Parallel or Map state finish, and so on up the tree. */
    private void settle(Run run, StateRunner runner, Frame frame) {
        Frame current = frame;
        while (current.parent() != null && current.branch().phase.isTerminal()) {
            Frame parent = current.parent();
            runner.children().pump(parent);
            runner.advance(parent);
            current = parent;
        }
        finishIfDone(run, rootFrame(run.state));
    }

    private static String refOf(Trigger trigger) {
        if (trigger instanceof Trigger.TaskStarted t) {
            return t.ref();
        } else if (trigger instanceof Trigger.TaskSucceeded t) {
            return t.ref();
        } else if (trigger instanceof Trigger.TaskFailed t) {
            return t.ref();
        } else if (trigger instanceof Trigger.TaskHeartbeat t) {
            return t.ref();
        } else if (trigger instanceof Trigger.TimerFired t) {
            return t.ref();
        }
        throw new IllegalArgumentException("trigger without a ref: " + trigger);
    }

    private Frame rootFrame(ExecutionState state) {
        return new Frame(state.root, definition.workflow(), null, false);
    }

    /** The first frame, depth first, whose branch satisfies {@code test}. */
    static Frame find(Frame frame, Predicate<BranchState> test) {
        if (test.test(frame.branch())) {
            return frame;
        }
        BranchState branch = frame.branch();
        if (branch.children == null || branch.phase != Phase.CHILDREN) {
            return null;
        }
        State state = frame.state();
        if (!(state instanceof ParallelState) && !(state instanceof MapState)) {
            return null;
        }
        for (BranchState child : branch.children.active) {
            Frame found = find(ChildrenStep.childFrame(frame, state, child, child.index), test);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void finishIfDone(Run run, Frame root) {
        ExecutionState state = run.state;
        BranchState branch = root.branch();
        if (state.status != ExecutionStatus.RUNNING || !branch.phase.isTerminal()) {
            return;
        }
        if (branch.phase == Phase.SUCCEEDED) {
            state.status = ExecutionStatus.SUCCEEDED;
            state.output = branch.output;
            PayloadText output = new PayloadText(branch.output);
            run.emit(root, EXECUTION_SUCCEEDED, () -> Payloads.withOutput(Payloads.details(), output));
        } else {
            state.status = ExecutionStatus.FAILED;
            state.error = branch.error;
            state.cause = branch.cause;
            run.emit(root, EXECUTION_FAILED, Payloads.errorDetails(branch.error, branch.cause));
        }
        run.command(new Command.CancelTimer(EXECUTION_TIMEOUT));
    }

    private void abort(Run run, Trigger.StopRequested stop) {
        Frame root = rootFrame(run.state);
        new StateRunner(run).abort(root);
        run.command(new Command.CancelTimer(EXECUTION_TIMEOUT));
        run.state.status = ExecutionStatus.ABORTED;
        run.state.error = stop.error();
        run.state.cause = stop.cause();
        run.emit(root, EXECUTION_ABORTED, Payloads.errorDetails(stop.error(), stop.cause()));
    }

    private void timeOut(Run run) {
        Frame root = rootFrame(run.state);
        new StateRunner(run).abort(root);
        run.state.status = ExecutionStatus.TIMED_OUT;
        run.state.error = StatesErrors.TIMEOUT;
        run.emit(root, EXECUTION_TIMED_OUT, Payloads.errorDetails(StatesErrors.TIMEOUT, null));
    }


}
