package io.stepwise.engine.state;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The lifecycle of a branch's {@link Phase}, held as data: every move the interpreter makes must be in
 * {@link #TRANSITIONS}, and one that is not fails loudly rather than leaving the branch in a phase no code expects.
 * {@code PhaseLifecycleTest} fails on any transition in the table that no scenario visits.
 */
public final class PhaseLifecycle {
    /** The phases a branch may move to from each phase. */
    public static final Map<Phase, Set<Phase>> TRANSITIONS = table();

    private static final ThreadLocal<Consumer<PhaseTransition>> OBSERVER = new ThreadLocal<>();

    private PhaseLifecycle() {
    }

    private static Map<Phase, Set<Phase>> table() {
        Map<Phase, Set<Phase>> table = new EnumMap<>(Phase.class);
        // A state is entered and runs: it moves on (Pass, Choice), ends the branch, waits, or fails; a Task or a
        // Parallel/Map that fails before it is running may already be retried. Aborted: a Parallel branch not yet
        // entered when its sibling failed.
        table.put(Phase.ENTERING, EnumSet.of(Phase.ENTERING, Phase.TASK, Phase.WAITING, Phase.CHILDREN,
                Phase.RETRY_BACKOFF, Phase.SUCCEEDED, Phase.FAILED, Phase.ABORTED));
        // Waiting states end by moving on (a Catch too), ending the branch, failing, or being aborted; those with
        // Retry back off.
        table.put(Phase.TASK, EnumSet.of(Phase.ENTERING, Phase.SUCCEEDED, Phase.FAILED, Phase.RETRY_BACKOFF,
                Phase.ABORTED));
        table.put(Phase.WAITING, EnumSet.of(Phase.ENTERING, Phase.SUCCEEDED, Phase.FAILED, Phase.ABORTED));
        table.put(Phase.CHILDREN, EnumSet.of(Phase.ENTERING, Phase.SUCCEEDED, Phase.FAILED, Phase.RETRY_BACKOFF,
                Phase.ABORTED));
        // The backoff ends by running the state again, without a new StateEntered.
        table.put(Phase.RETRY_BACKOFF, EnumSet.of(Phase.ENTERING, Phase.ABORTED));
        // RedriveExecution re-enters the root's state. A root that succeeded is redriven when the history cap
        // failed the execution as it was about to succeed.
        table.put(Phase.FAILED, EnumSet.of(Phase.ENTERING));
        table.put(Phase.ABORTED, EnumSet.of(Phase.ENTERING));
        table.put(Phase.SUCCEEDED, EnumSet.of(Phase.ENTERING));
        return table;
    }

    /** Every transition of the table, in phase order. */
    public static Set<PhaseTransition> all() {
        Set<PhaseTransition> all = new LinkedHashSet<>();
        TRANSITIONS.forEach((from, tos) -> tos.forEach(to -> all.add(new PhaseTransition(from, to))));
        return all;
    }

    /** Moves {@code branch} to {@code to}, which must be in the table for its current phase. */
    static void move(BranchState branch, Phase to) {
        Phase from = branch.phase;
        if (!TRANSITIONS.get(from).contains(to)) {
            throw new IllegalStateException("branch " + branch.id + " in state " + branch.state + " cannot move from "
                    + from + " to " + to);
        }
        Consumer<PhaseTransition> observer = OBSERVER.get();
        if (observer != null) {
            observer.accept(new PhaseTransition(from, to));
        }
        branch.phase = to;
    }

    /**
     * Shows {@code observer} every move made on the calling thread (the interpreter runs on its caller's thread)
     * until the returned handle is closed: for the test that requires every transition to be visited.
     */
    public static AutoCloseable observe(Consumer<PhaseTransition> observer) {
        OBSERVER.set(observer);
        return OBSERVER::remove;
    }
}
