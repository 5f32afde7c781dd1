package io.stepwise.engine.port;

import java.time.Instant;
import java.util.List;

/**
 * The tasks commits put in the outbox until a later commit settles them with the task's answer: what recovers
 * dispatched-but-unanswered work, whichever instance dispatched it.
 */
public interface TaskOutbox {

    /**
     * Every outbox task not settled yet, in the order they were committed: what a runtime dispatches again when it
     * starts, since the process that committed them may have died before or while dispatching.
     */
    List<OutboxEntry> outbox();

    /**
     * Claims, for a recovery sweep, up to {@code limit} outbox tasks whose claim ran out at or before {@code now},
     * sets their claim to {@code until} and returns them in commit order. A task is claimed first by the commit
     * that adds it, for as long as its call may take (its {@code TimeoutSeconds}, else AWS's 900-second Lambda
     * limit, plus a minute), measured on the store's wall clock. The claim is atomic, so sweeps run by several
     * instances never claim one task at once; a settled task is never returned.
     */
    List<OutboxEntry> claimOutbox(Instant now, Instant until, int limit);

    /**
     * Sets the claim of an unsettled outbox task to {@code until}; does nothing once it is settled. A dispatcher
     * that handed a callback task over (its answer comes through SendTask*) holds it this way, so no sweep sends it
     * again while it waits.
     */
    void claim(String executionArn, String ref, Instant until);
}
