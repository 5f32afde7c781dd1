package io.stepwise.engine.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a step that reached its budget stopped, so that the next step resumes exactly there and the history comes
 * out as one unbounded step would have written it.
 */
public final class Continuation {
    /** The ref of the {@code Continue} command; only a fire with this ref resumes, so a duplicate is a no-op. */
    public String ref;
    /**
     * The branch that was about to run, as the child indexes from the root down: the step stopped before it entered
     * a state or before its Parallel or Map state launched the next child.
     */
    public List<Integer> path = new ArrayList<>();
    /** When the step stopped: a durable runner stores the continuation as a timer due then. */
    public Instant at;
}
