package io.stepwise.engine;

import io.stepwise.asl.ChoiceState;
import io.stepwise.asl.FailState;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.asl.SucceedState;
import io.stepwise.asl.TaskState;
import io.stepwise.asl.WaitState;
import io.stepwise.asl.Workflow;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The processor of every state of one definition, Parallel branches and Map item processors included, built once
 * when the {@link Interpreter} is: each state's kind and query language are decided here and never again per step.
 * The dialects evaluate the fields the parser compiled ({@link io.stepwise.asl.CompiledFields}).
 * Parsed states are immutable, so a state's identity is its key.
 */
final class StateProcessors {
    private final Map<State, StateProcessor> byState = new IdentityHashMap<>();
    private final JsonPathDialect jsonPath;
    private final JsonataDialect jsonata;

    StateProcessors(StateMachineDefinition definition, EngineLimits limits) {
        this.jsonPath = new JsonPathDialect(definition.fields());
        this.jsonata = new JsonataDialect(definition.fields(), limits.jsonata());
        register(definition.workflow());
    }

    /** The processor of {@code state}, a state of this registry's definition. */
    StateProcessor of(State state) {
        StateProcessor processor = byState.get(state);
        if (processor == null) {
            throw new IllegalStateException("no processor for state " + state.name() + " of another definition");
        }
        return processor;
    }

    private void register(Workflow workflow) {
        for (State state : workflow.states().values()) {
            Dialect dialect = state.common().isJsonata() ? jsonata : jsonPath;
            byState.put(state, processorOf(state, dialect));
            if (state instanceof ParallelState parallel) {
                parallel.branches().forEach(this::register);
            } else if (state instanceof MapState map) {
                register(map.processor());
            }
        }
    }

    /** The one dispatch over the sealed {@link State} hierarchy. */
    private static StateProcessor processorOf(State state, Dialect dialect) {
        if (state instanceof PassState pass) {
            return new PassProcessor(pass, dialect);
        } else if (state instanceof TaskState task) {
            return new TaskProcessor(task, dialect);
        } else if (state instanceof ChoiceState choice) {
            return new ChoiceProcessor(choice, dialect);
        } else if (state instanceof WaitState wait) {
            return new WaitProcessor(wait, dialect);
        } else if (state instanceof SucceedState succeed) {
            return new SucceedProcessor(succeed, dialect);
        } else if (state instanceof FailState fail) {
            return new FailProcessor(fail, dialect);
        } else if (state instanceof ParallelState parallel) {
            return new ParallelProcessor(parallel, dialect);
        } else if (state instanceof MapState map) {
            return map.distributed() ? new DistributedMapProcessor(map, dialect) : new InlineMapProcessor(map, dialect);
        }
        throw new IllegalStateException("unhandled state type " + state.getClass());
    }
}
