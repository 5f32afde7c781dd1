package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.State;
import io.stepwise.asl.Workflow;
import io.stepwise.engine.state.BranchState;

/**
 * A branch together with the workflow it runs and the frame that started it: the view of the execution
 * tree that a step needs (the stored state keeps only the branches).
 *
 * @param silent true inside a distributed Map, whose iterations are child executions with their own history
 */
record Frame(BranchState branch, Workflow workflow, Frame parent, boolean silent) {

    State state() {
        return workflow.state(branch.state);
    }

    /** The value of a variable visible here, innermost scope first; distributed Map iterations see only their own. */
    JsonNode lookup(String name) {
        for (Frame f = this; f != null; f = f.parent) {
            if (f.branch.variables != null && f.branch.variables.has(name)) {
                return f.branch.variables.get(name);
            }
            if (f.silent && (f.parent == null || !f.parent.silent)) {
                return null;
            }
        }
        return null;
    }
}
