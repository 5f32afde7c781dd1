package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.EXECUTION_REDRIVEN;

import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.Phase;
import java.util.HashMap;
import java.util.Set;

/**
 * RedriveExecution: reopens a closed execution at the top-level state where it stopped. That state is entered
 * again with the input it had; the states before it are not re-run (AWS REDRIVE). A Parallel or inline Map state
 * that failed is re-run as a whole, where AWS re-runs only its failed branches or iterations; a Distributed Map's
 * Map Run is redriven, re-running only its unsuccessful children.
 */
final class Redrive {
    private static final Set<ExecutionStatus> REDRIVABLE =
            Set.of(ExecutionStatus.FAILED, ExecutionStatus.ABORTED, ExecutionStatus.TIMED_OUT);

    private Redrive() {
    }

    static boolean isRedrivable(ExecutionStatus status) {
        return REDRIVABLE.contains(status);
    }

    /**
     * Whether the redriven branch stopped in a Distributed Map whose Map Run ended unsuccessfully: that Map Run is
     * redriven (its unsuccessful children re-run) rather than the state entered again.
     */
    static boolean resumesMapRun(Frame root) {
        return root.branch().stoppedMapRun != null && root.state() instanceof io.stepwise.asl.MapState map
                && map.distributed();
    }

    /** Emits {@code ExecutionRedriven} and re-enters the stopped state; the caller advances the root frame. */
    static void reopen(Run run, Frame root) {
        var state = run.state;
        state.status = ExecutionStatus.RUNNING;
        state.output = null;
        state.error = null;
        state.cause = null;
        state.redriveCount++;
        BranchState branch = root.branch();
        branch.moveTo(Phase.ENTERING);
        branch.pendingRef = null;
        branch.task = null;
        branch.children = null;
        branch.mapRun = null;
        branch.output = null;
        branch.error = null;
        branch.cause = null;
        // Retriers start afresh: the redriven state gets its full retry budget again.
        branch.retryCounts = new HashMap<>();
        long redriven = run.emitWithPrevious(null, EXECUTION_REDRIVEN,
                Payloads.details().put("redriveCount", state.redriveCount), state.lastEventId());
        branch.source = redriven;
        // The execution timeout starts over with the redrive (AWS REDRIVE).
        if (run.definition.timeoutSeconds() != null) {
            run.command(new Command.StartTimer(Interpreter.EXECUTION_TIMEOUT,
                    run.now.plusSeconds(run.definition.timeoutSeconds())));
        }
    }
}
