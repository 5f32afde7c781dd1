package io.stepwise.asl;

import java.util.Map;

/** A graph of states with its entry point: the whole machine, a Parallel branch or a Map item processor. */
public record Workflow(String startAt, Map<String, State> states) {
    public Workflow {
        states = Map.copyOf(states);
    }

    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalStateException("no state named " + name);
        }
        return state;
    }
}
