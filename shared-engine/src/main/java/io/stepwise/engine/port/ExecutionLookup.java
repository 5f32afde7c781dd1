package io.stepwise.engine.port;

import java.util.Optional;

/** Finds one stored execution by its ARN: what both the runner and the API read before they act. */
public interface ExecutionLookup {

    Optional<ExecutionRecord> load(String executionArn);
}
