package io.stepwise.runtime;

import io.stepwise.engine.EngineLimits;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.state.ExecutionState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an Express execution in memory to its end in the caller's thread: what StartSyncExecution does, and what
 * an {@link ExpressLauncher} does on its own threads. Parsed definitions are kept, so a machine started often is
 * parsed once. The history is not kept: AWS sends an Express execution's history only to its logs.
 */
public final class ExpressRunner {
    private final InMemoryRunner runner;
    /** Nothing outside the run sees an Express execution's commits, so its steps need no budget. */
    private final Interpreters interpreters = new Interpreters(Interpreters.DEFAULT_CAPACITY,
            EngineLimits.AWS.withMaxStepItems(EngineLimits.UNBOUNDED_STEP));
    private final ExecutionLogs logs;

    public ExpressRunner(IntegrationRegistry integrations, Clock clock) {
        this(integrations, clock, ExecutionLogs.NONE);
    }

    /** @param logs receives each execution's history once it ends, for the machine's logging configuration */
    public ExpressRunner(IntegrationRegistry integrations, Clock clock, ExecutionLogs logs) {
        this.runner = new InMemoryRunner(integrations, clock);
        this.logs = logs;
    }

    /** The execution's final state (or the state it was left in when nothing more could happen). */
    public ExecutionState run(ExecutionStart start, String definition) {
        List<HistoryEvent> history = new ArrayList<>();
        ExecutionState state = runner.run(interpreters.forDefinition(definition), start, history::add);
        if (!history.isEmpty()) {
            logs.append(start.stateMachineArn(), start.executionArn(), 0, history);
        }
        return state;
    }
}
