package io.stepwise.runtime;

import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Trigger;

/**
 * What the API does to durable (Standard) executions: start one, and apply a trigger it received (a stop, a
 * redrive, a callback's answer, an activity worker's start). The {@link TransitionRunner} is the one
 * implementation on every runtime; the API sees only this.
 */
public interface StandardExecutions {

    /** Starts an execution; returns {@code false} when its ARN exists already. */
    boolean start(ExecutionStart start, String definition);

    /**
     * Applies {@code trigger} to the execution and commits the result. Returns {@code true} if it changed the
     * execution, {@code false} if the execution is unknown or closed or the trigger answers nothing pending.
     */
    boolean deliver(String executionArn, Trigger trigger);
}
