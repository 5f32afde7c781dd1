package io.stepwise.engine.state;

/** Where a branch stands inside its current state. */
public enum Phase {
    /** About to enter {@code BranchState.state}. */
    ENTERING,
    /** Waiting for the task named by {@code pendingRef}. */
    TASK,
    /** A Wait state waiting for the timer {@code pendingRef}. */
    WAITING,
    /** Backing off before a retry; the timer is {@code pendingRef}. */
    RETRY_BACKOFF,
    /** A Parallel or Map state waiting for its children. */
    CHILDREN,
    SUCCEEDED,
    FAILED,
    ABORTED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == ABORTED;
    }
}
