package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.EXECUTION_ABORTED;
import static io.stepwise.engine.history.HistoryEventType.EXECUTION_FAILED;
import static io.stepwise.engine.history.HistoryEventType.EXECUTION_STARTED;
import static io.stepwise.engine.history.HistoryEventType.EXECUTION_SUCCEEDED;
import static io.stepwise.engine.history.HistoryEventType.EXECUTION_TIMED_OUT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.State;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.asl.TaskState;
import io.stepwise.asl.WaitState;
import io.stepwise.engine.history.PayloadText;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.Continuation;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.PendingRef;
import io.stepwise.engine.state.Phase;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.time.Instant;

/**
 * The ASL interpreter, a pure function: {@code (state, trigger, now) → Step(new state, history, commands)}.
 * It reads no clock, performs no I/O and draws randomness only from the execution's seed, so any runtime
 * (in memory, SQLite, DynamoDB) can run it one trigger at a time and replay gives the same result.
 */
public final class Interpreter {
    static final String EXECUTION_TIMEOUT = PendingRef.ExecutionTimeout.TEXT;

    private final StateMachineDefinition definition;
    private final EngineLimits limits;
    private final StateProcessors processors;

    public Interpreter(StateMachineDefinition definition) {
        this(definition, EngineLimits.AWS);
    }

    public Interpreter(StateMachineDefinition definition, EngineLimits limits) {
        this.definition = definition;
        this.limits = limits;
        this.processors = new StateProcessors(definition, limits);
    }

    public StateMachineDefinition definition() {
        return definition;
    }

    public EngineLimits limits() {
        return limits;
    }

    /** Starts an execution: {@code ExecutionStarted}, then as many states as run without waiting. */
    public Step start(ExecutionStart start) {
        ExecutionState state = new ExecutionState();
        state.start = start;
        state.input = Json.parse(start.inputText());
        Run run = new Run(definition, limits, processors, state, start.startTime());
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
        } catch (Run.BudgetReached e) {
            // The state records where the step stopped; its continuation goes on from there.
        }
        notifyParentIfEnded(run, true);
        return new Step(state, run.events, run.commands);
    }

    /** Applies {@code trigger} to a copy of {@code state}; {@code state} itself is left unchanged. */
    public Step apply(ExecutionState state, Trigger trigger, Instant now) {
        return applyInPlace(state.copy(), trigger, now);
    }

    /** As {@link #apply}, but changes {@code state} itself: for runners that keep no older version. */
    public Step applyInPlace(ExecutionState state, Trigger trigger, Instant now) {
        Run run = new Run(definition, limits, processors, state, now);
        if (trigger instanceof Trigger.RedriveRequested) {
            return redrive(run);
        }
        if (trigger instanceof Trigger.TaskSucceeded done && state.notices.remove(done.ref())) {
            // A command that outlives its step (a parent told, children stopped) was carried out.
            return new Step(state, run.events, run.commands, true);
        }
        if (state.status != ExecutionStatus.RUNNING) {
            return new Step(state, run.events, run.commands);
        }
        if (state.continuation != null && !continues(state, trigger)) {
            // Applying it now would interleave its events with the unfinished step's and change the history.
            throw new IllegalStateException("the execution's step is unfinished: apply TimerFired("
                    + state.continuation.ref + ") first");
        }
        try {
            if (continues(state, trigger)) {
                resume(run);
            } else if (trigger instanceof Trigger.StopRequested stop) {
                abort(run, stop);
            } else if (trigger instanceof Trigger.TimerFired fired && fired.ref().equals(EXECUTION_TIMEOUT)) {
                timeOut(run);
            } else if (trigger instanceof Trigger.MapRunUpdated update) {
                updateMapRun(run, update);
            } else {
                deliver(run, trigger);
            }
        } catch (Run.HistoryLimitReached e) {
            run.failAtHistoryLimit();
        } catch (Run.BudgetReached e) {
            // The state records where the step stopped; its continuation goes on from there.
        }
        notifyParentIfEnded(run, true);
        return new Step(state, run.events, run.commands, run.changed);
    }

    /**
     * A child execution that has just ended tells its parent ({@link ParentLink}); the notice stays among the
     * execution's pending commands until the runtime has delivered it, so a crash in between does not lose it.
     */
    private static void notifyParentIfEnded(Run run, boolean wasRunning) {
        ExecutionState state = run.state;
        ParentLink parent = state.start.parent();
        if (parent == null || !wasRunning || state.status == ExecutionStatus.RUNNING) {
            return;
        }
        String ref = new PendingRef.ParentNotice(state.redriveCount).text();
        if (state.notices.contains(ref)) {
            return;
        }
        state.notices.add(ref);
        run.changed = true;
        run.command(new Command.NotifyParent(ref, parent, state.status, state.error, state.cause));
    }

    /** UpdateMapRun: the Map Run is found by its ARN, the only name the API has for it. */
    private void updateMapRun(Run run, Trigger.MapRunUpdated update) {
        Frame target = MapRunLocator.byArn(rootFrame(run.state), update.mapRunArn());
        if (target == null) {
            return;
        }
        StateRunner runner = new StateRunner(run);
        if (runner.children().mapRuns().deliver(target, update)) {
            run.changed = true;
            runner.advance(target);
            settle(run, runner, target);
        }
    }

    /** Whether {@code trigger} is the fire of the continuation the execution waits for. */
    private static boolean continues(ExecutionState state, Trigger trigger) {
        return state.continuation != null && trigger instanceof Trigger.TimerFired fired
                && fired.ref().equals(state.continuation.ref);
    }

    /**
     * Goes on where the last step stopped. That step unwound from the stopped branch up to the root, leaving to
     * each branch on the way the rest of its loop (entering states, collecting and launching children), so this
     * runs those loops again in the same order, innermost first. Every branch off that path had finished its part
     * of the step, so the history comes out as one unbounded step would have written it.
     */
    private void resume(Run run) {
        Continuation continuation = run.state.continuation;
        run.state.continuation = null;
        run.changed = true;
        Frame root = rootFrame(run.state);
        StateRunner runner = new StateRunner(run);
        for (Frame frame = BranchLocator.byPath(root, continuation.path); frame != null; frame = frame.parent()) {
            runner.advance(frame);
            runner.children().pump(frame);
            runner.advance(frame);
        }
        finishIfDone(run, root);
    }

    /** Reopens a failed, aborted or timed-out execution; any other is left as it is. */
    private Step redrive(Run run) {
        if (Redrive.isRedrivable(run.state.status)) {
            Frame root = rootFrame(run.state);
            try {
                Redrive.reopen(run, root);
                StateRunner runner = new StateRunner(run);
                if (Redrive.resumesMapRun(root)) {
                    runner.children().mapRuns().redrive(root);
                }
                runner.advance(root);
                finishIfDone(run, root);
            } catch (Run.HistoryLimitReached e) {
                run.failAtHistoryLimit();
            } catch (Run.BudgetReached e) {
                // The state records where the step stopped; its continuation goes on from there.
            }
            notifyParentIfEnded(run, true);
        }
        return new Step(run.state, run.events, run.commands);
    }

    private void deliver(Run run, Trigger trigger) {
        String ref = refOf(trigger);
        Frame target = BranchLocator.byRef(rootFrame(run.state), ref);
        BranchState branch = target == null ? null : target.branch();
        if (branch != null && branch.mapRun != null && ref.startsWith(branch.mapRun.ref)) {
            StateRunner runner = new StateRunner(run);
            if (runner.children().mapRuns().deliver(target, trigger)) {
                run.changed = true;
                runner.advance(target);
                settle(run, runner, target);
            }
            return;
        }
        if (branch == null || !(ref.equals(branch.pendingRef) || (branch.task != null
                && (ref.equals(branch.task.timeoutTimer) || ref.equals(branch.task.heartbeatTimer))))) {
            return;
        }
        StateRunner runner = new StateRunner(run);
        State state = target.state();
        boolean current = ref.equals(branch.pendingRef);
        if (trigger instanceof Trigger.TimerFired) {
            // A timer counts only for what the branch waits on now: the timeout timers of a failed attempt
            // may still fire during the retry backoff.
            if (current && branch.phase == Phase.RETRY_BACKOFF) {
                run.changed = true;
                runner.retry(target);
            } else if (current && branch.phase == Phase.WAITING && state instanceof WaitState) {
                run.changed = true;
                runner.guarded(target, () -> runner.waitOf(target).finish(runner, target));
            } else if (!current && branch.phase == Phase.TASK && state instanceof TaskState) {
                run.changed = true;
                runner.taskOf(target).timedOut(runner, target, ref.equals(branch.task.heartbeatTimer));
            }
        } else if (branch.phase == Phase.TASK && current) {
            run.changed = true;
            if (trigger instanceof Trigger.TaskSucceeded succeeded) {
                runner.taskOf(target).succeeded(runner, target, succeeded.output());
            } else if (trigger instanceof Trigger.TaskFailed failed) {
                runner.taskOf(target).failed(runner, target, failed.error(), failed.cause());
            } else if (trigger instanceof Trigger.TaskStarted started) {
                runner.taskOf(target).started(runner, target, started.workerName());
            } else if (trigger instanceof Trigger.TaskSubmitted submitted) {
                runner.taskOf(target).submitted(runner, target, submitted.output());
            } else if (trigger instanceof Trigger.TaskHeartbeat) {
                runner.taskOf(target).heartbeat(runner, target);
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
        } else if (trigger instanceof Trigger.TaskSubmitted t) {
            return t.ref();
        } else if (trigger instanceof Trigger.TaskSucceeded t) {
            return t.ref();
        } else if (trigger instanceof Trigger.TaskFailed t) {
            return t.ref();
        } else if (trigger instanceof Trigger.TaskHeartbeat t) {
            return t.ref();
        } else if (trigger instanceof Trigger.TimerFired t) {
            return t.ref();
        } else if (trigger instanceof Trigger.ChildFinished t) {
            return t.ref();
        }
        throw new IllegalArgumentException("trigger without a ref: " + trigger);
    }

    private Frame rootFrame(ExecutionState state) {
        return new Frame(state.root, definition.workflow(), null, false);
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
            // Kept once: a succeeded execution is never redriven, so its root branch needs no copy.
            branch.output = null;
            PayloadText output = new PayloadText(state.output);
            run.emit(root, EXECUTION_SUCCEEDED, () -> Payloads.withOutput(Payloads.details(), output));
        } else {
            state.status = ExecutionStatus.FAILED;
            state.error = branch.error;
            state.cause = branch.cause;
            run.emit(root, EXECUTION_FAILED, Payloads.errorDetails(branch.error, branch.cause));
        }
        cancelExecutionTimeout(run);
    }

    /**
     * Cancels the execution's timeout timer, which exists only when the definition has a {@code TimeoutSeconds}
     * (it is started at the start and again at a redrive, from the same definition): a store may pay for the
     * cancel of a timer it never stored (a DynamoDB delete costs a write unit either way).
     */
    private static void cancelExecutionTimeout(Run run) {
        if (run.definition.timeoutSeconds() != null) {
            run.command(new Command.CancelTimer(EXECUTION_TIMEOUT));
        }
    }

    private void abort(Run run, Trigger.StopRequested stop) {
        Frame root = rootFrame(run.state);
        new StateRunner(run).abort(root);
        cancelExecutionTimeout(run);
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
