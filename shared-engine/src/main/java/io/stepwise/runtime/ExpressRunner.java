package io.stepwise.runtime;

import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.state.ExecutionState;
import java.time.Clock;

/**
 * Runs an Express execution in memory to its end in the caller's thread: what StartSyncExecution does, and what
 * an {@link ExpressLauncher} does on its own threads. Parsed definitions are kept, so a machine started often is
 * parsed once. The history is not kept: AWS sends an Express execution's history only to its logs.
 */
public final class ExpressRunner {
    private final InMemoryRunner runner;
    private final Interpreters interpreters = new Interpreters();

    public ExpressRunner(IntegrationRegistry integrations, Clock clock) {
        this.runner = new InMemoryRunner(integrations, clock);
    }

    /** The execution's final state (or the state it was left in when nothing more could happen). */
    public ExecutionState run(ExecutionStart start, String definition) {
        return runner.run(interpreters.forDefinition(definition), start, event -> { });
    }
}
