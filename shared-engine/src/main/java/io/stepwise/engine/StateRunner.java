package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.EVALUATION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.ErrorHandling;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.Retrier;
import io.stepwise.asl.State;
import io.stepwise.asl.SucceedState;
import io.stepwise.engine.history.PayloadText;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.PendingRef;
import io.stepwise.engine.state.Phase;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Moves one branch through its states until it must wait (a task, a timer, children) or ends.
 * What each state does is its {@link StateProcessor}'s; this class walks the branch around it: entering, failing,
 * retrying, catching, exiting and aborting.
 */
final class StateRunner {
    private final Run run;
    private final ChildrenStep children;

    StateRunner(Run run) {
        this.run = run;
        this.children = new ChildrenStep(run, this);
    }

    Run run() {
        return run;
    }

    PayloadSizeMemo sizeMemo() {
        return run.sizeMemo;
    }

    /** The processor of the Task state {@code frame}'s branch is in. */
    TaskProcessor taskOf(Frame frame) {
        return (TaskProcessor) run.processors.of(frame.state());
    }

    /** The processor of the Wait state {@code frame}'s branch is in. */
    WaitProcessor waitOf(Frame frame) {
        return (WaitProcessor) run.processors.of(frame.state());
    }

    ChildrenStep children() {
        return children;
    }

    /** Runs the branch from its current position while it can make progress without outside input. */
    void advance(Frame frame) {
        BranchState branch = frame.branch();
        while (branch.phase == Phase.ENTERING) {
            run.checkBudget(frame);
            enter(frame);
        }
    }

    private void enter(Frame frame) {
        BranchState branch = frame.branch();
        State state = frame.state();
        branch.enteredTime = run.timestamp();
        branch.stateRetryCount = 0;
        branch.enteredPrevious = branch.source;
        PayloadText input = branch.stateInputText != null ? branch.stateInputText : new PayloadText(branch.stateInput);
        branch.stateInputText = input;
        String name = state.name();
        branch.enteredEventId = run.emit(frame, StateEvents.entered(state),
                () -> Payloads.withInput(Payloads.details().put("name", name), input));
        if (frame.silent()) {
            branch.enteredEventId = 0;
        }
        guarded(frame, () -> execute(frame, state));
    }

    /** Runs {@code action}; a {@link StatesException} it throws becomes the state's failure. */
    void guarded(Frame frame, Runnable action) {
        try {
            action.run();
        } catch (StatesException e) {
            String cause = causeOf(frame, e);
            if (StatesErrors.QUERY_EVALUATION_ERROR.equals(e.error())) {
                evaluationFailed(frame, e, cause);
            }
            fail(frame, e.error(), cause);
        }
    }

    private void evaluationFailed(Frame frame, StatesException e, String cause) {
        ObjectNode details = Payloads.errorDetails(e.error(), cause);
        if (e.location() != null) {
            details.put("location", e.location());
        }
        details.put("state", frame.branch().state);
        long id = run.emitWithPrevious(frame, EVALUATION_FAILED, details, frame.branch().enteredPrevious);
        if (!frame.silent()) {
            frame.branch().source = id;
        }
    }

    private String causeOf(Frame frame, StatesException e) {
        if (!e.stateScoped()) {
            return e.cause();
        }
        return "An error occurred while executing the state '" + frame.branch().state + "' (entered at the event id #"
                + frame.branch().enteredEventId + "). " + e.cause();
    }

    void execute(Frame frame, State state) {
        run.processors.of(state).execute(this, frame);
    }

    /** The query language {@code state} is written in, bound to it when the interpreter was built. */
    Dialect dialect(State state) {
        return run.processors.of(state).dialect();
    }

    EvalContext context(Frame frame, JsonNode input) {
        return context(frame, input, false, null);
    }

    EvalContext context(Frame frame, JsonNode input, boolean withRetryCount, String taskToken) {
        return new EvalContext(input, () -> run.context(frame, withRetryCount, taskToken, null), frame::lookup,
                run::random, run::describe);
    }

    /** Leaves the state for its {@code Next}, or ends the branch. */
    void exit(Frame frame, State state, JsonNode output, ObjectNode assigned) {
        exitTo(frame, state, output, assigned, state.common().end() || state instanceof SucceedState
                ? null : state.common().next());
    }

    void exitTo(Frame frame, State state, JsonNode output, ObjectNode assigned, String next) {
        BranchState branch = frame.branch();
        PayloadText outputText = output == branch.stateInput && branch.stateInputText != null
                ? branch.stateInputText
                : new PayloadText(output);
        if (Payloads.exceedsLimit(output, run.sizeMemo)) {
            throw new StatesException(StatesErrors.DATA_LIMIT_EXCEEDED, "The state/task '" + state.name()
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
        String name = state.name();
        run.emit(frame, StateEvents.exited(state), () -> exitedDetails(name, outputText, assigned));
        if (assigned != null) {
            VariableLimits.check(frame, state.name(), assigned);
            if (branch.variables == null) {
                branch.variables = Json.MAPPER.createObjectNode();
            }
            branch.variables.setAll(assigned);
        }
        branch.task = null;
        branch.pendingRef = null;
        branch.children = null;
        branch.mapRun = null;
        branch.stoppedMapRun = null;
        if (next == null) {
            branch.moveTo(Phase.SUCCEEDED);
            branch.output = output;
        } else {
            branch.state = next;
            branch.stateInput = output;
            branch.stateInputText = outputText;
            branch.moveTo(Phase.ENTERING);
        }
    }

    private static ObjectNode exitedDetails(String name, PayloadText output, ObjectNode assigned) {
        ObjectNode details = Payloads.details();
        if (assigned != null) {
            ObjectNode texts = details.putObject("assignedVariables");
            for (Iterator<Map.Entry<String, JsonNode>> it = assigned.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                texts.putPOJO(e.getKey(), new PayloadText(e.getValue()));
            }
            details.putObject("assignedVariablesDetails").put("truncated", false);
        }
        details.put("name", name);
        return Payloads.withOutput(details, output);
    }

    /**
     * The state failed with {@code error}: retry it if a retrier allows, else catch it, else fail the branch.
     * Parallel and Map announce the failure with their own {@code *StateFailed} event unless they retry.
     */
    void fail(Frame frame, String error, String cause) {
        fail(frame, error, cause, false, false);
    }

    /** @param childFailed whether a Parallel branch or Map iteration failed (rather than the state itself) */
    void fail(Frame frame, String error, String cause, boolean childFailed) {
        fail(frame, error, cause, childFailed, false);
    }

    /**
     * @param reportedByTask whether the task itself failed with {@code error}, which Retry and Catch then match as
     *     a task's error (see {@link ErrorMatcher#matches(List, String, boolean)})
     */
    void fail(Frame frame, String error, String cause, boolean childFailed, boolean reportedByTask) {
        State state = frame.state();
        BranchState branch = frame.branch();
        ErrorHandling handling = ErrorHandling.of(state);
        for (int i = 0; i < handling.retriers().size(); i++) {
            Retrier retrier = handling.retriers().get(i);
            if (!ErrorMatcher.matches(retrier.errorEquals(), error, reportedByTask)) {
                continue;
            }
            int attempts = branch.attempts(state.name(), i);
            if (attempts < retrier.maxAttempts()) {
                branch.countAttempt(state.name(), i);
                branch.stateRetryCount++;
                Duration delay = RetryDelay.of(retrier, attempts, run.random());
                String ref = new PendingRef.Retry(branch.id, run.state.nextEventId, branch.stateRetryCount).text();
                branch.moveTo(Phase.RETRY_BACKOFF);
                branch.pendingRef = ref;
                run.command(new Command.StartTimer(ref, run.now.plus(delay)));
                return;
            }
            break;
        }
        // AWS closes a failing Parallel or Map with *StateFailed, except for States.Runtime errors of the
        // state's own fields (recorded: ToleratedFailureCountPath errors end the execution directly).
        boolean hasChildren = state instanceof ParallelState || state instanceof MapState;
        if (hasChildren && (childFailed || !StatesErrors.RUNTIME.equals(error))) {
            run.emit(frame, StateEvents.failed(state));
        }
        for (Catcher catcher : handling.catchers()) {
            if (ErrorMatcher.matches(catcher.errorEquals(), error, reportedByTask)) {
                ObjectNode errorOutput = Json.MAPPER.createObjectNode();
                errorOutput.set("Error", error == null ? null : TextNode.valueOf(error));
                errorOutput.set("Cause", cause == null ? null : TextNode.valueOf(cause));
                guarded(frame, () -> dialect(state).exitCaught(this, frame, state, catcher, errorOutput));
                return;
            }
        }
        endBranchFailed(frame, error, cause);
    }

    void endBranchFailed(Frame frame, String error, String cause) {
        BranchState branch = frame.branch();
        branch.moveTo(Phase.FAILED);
        branch.error = error;
        branch.cause = cause;
        branch.pendingRef = null;
        branch.task = null;
        branch.children = null;
        branch.mapRun = null;
    }

    /** The backoff of a retry is over: run the state again without entering it anew. */
    void retry(Frame frame) {
        BranchState branch = frame.branch();
        branch.moveTo(Phase.ENTERING);
        branch.pendingRef = null;
        State state = frame.state();
        guarded(frame, () -> execute(frame, state));
        advance(frame);
    }

    /**
     * Marks a running branch and everything under it aborted, emitting {@code *StateAborted} for states that
     * were waiting and {@code MapIterationAborted} for Map iterations, as AWS does on StopExecution, on an
     * execution timeout, and for the siblings of a failed branch or iteration.
     */
    void abort(Frame frame) {
        BranchState branch = frame.branch();
        if (branch.phase.isTerminal()) {
            return;
        }
        State state = frame.state();
        if (branch.phase == Phase.CHILDREN && branch.children != null) {
            children.abortActive(frame, state);
        }
        if (branch.phase == Phase.CHILDREN && branch.mapRun != null) {
            children.mapRuns().stopChildren(frame, true);
        }
        if (branch.phase != Phase.ENTERING) {
            run.emit(frame, StateEvents.aborted(state));
        }
        if (branch.pendingRef != null) {
            run.command(new Command.CancelTimer(branch.pendingRef));
        }
        if (branch.task != null) {
            TaskProcessor.stopChild(run, branch.task);
            if (branch.task.timeoutTimer != null) {
                run.command(new Command.CancelTimer(branch.task.timeoutTimer));
            }
            if (branch.task.heartbeatTimer != null) {
                run.command(new Command.CancelTimer(branch.task.heartbeatTimer));
            }
        }
        branch.moveTo(Phase.ABORTED);
        branch.pendingRef = null;
    }
}
