package io.stepwise.functions.observe;

import io.stepwise.engine.port.Commit;
import java.util.List;

/**
 * Told of every change of a Standard execution once it is committed: what publishes status-change events and
 * metrics. Called after the commit, in the committing function; a function that dies in between loses the
 * notification (the trigger it answered is stale when redelivered), so what observers publish is best-effort, as
 * AWS's own status events and metrics are. An observer must not throw.
 */
@FunctionalInterface
public interface ExecutionObserver {
    ExecutionObserver NONE = (commit, created) -> { };

    /** {@code commit} is stored; {@code created} when it is the execution's first. */
    void committed(Commit commit, boolean created);

    /** Every one of {@code observers}, in order. */
    static ExecutionObserver all(List<ExecutionObserver> observers) {
        return (commit, created) -> observers.forEach(observer -> observer.committed(commit, created));
    }
}
