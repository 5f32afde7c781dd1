package io.stepwise.runtime;

import io.stepwise.engine.ExecutionStart;

/**
 * Starts asynchronous Express executions (StartExecution on an Express state machine). The API answers at once and
 * must not run the execution on a thread of its own: in a Lambda, threads freeze once the response is sent. Locally
 * a bounded pool in the process runs it; on AWS it goes to a queue or an asynchronous invocation.
 */
public interface ExpressLauncher {

    /**
     * Hands the execution over to be run in memory to its end, without waiting for it; it keeps no history or
     * status (AWS). Returns {@code false}, starting nothing, when the launcher has no room for another execution.
     *
     * @param definition the definition text the execution runs
     */
    boolean launch(ExecutionStart start, String definition);
}
