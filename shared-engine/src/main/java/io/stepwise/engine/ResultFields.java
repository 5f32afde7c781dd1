package io.stepwise.engine;

import io.stepwise.asl.DataPath;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.asl.TaskState;
import io.stepwise.query.PayloadTemplate;

/** The JSONPath fields that shape a state's result: ResultSelector ({@code null} if absent) and ResultPath. */
record ResultFields(PayloadTemplate resultSelector, DataPath resultPath) {
    /** The fields of a Pass, Task, Parallel or Map, the states that produce a result (a Pass has no selector). */
    static ResultFields of(State state) {
        if (state instanceof PassState pass) {
            return new ResultFields(null, pass.resultPath());
        }
        if (state instanceof TaskState task) {
            return new ResultFields(task.resultSelector(), task.resultPath());
        }
        if (state instanceof ParallelState parallel) {
            return new ResultFields(parallel.resultSelector(), parallel.resultPath());
        }
        if (state instanceof MapState map) {
            return new ResultFields(map.resultSelector(), map.resultPath());
        }
        throw new IllegalArgumentException("no result fields on " + state.getClass().getSimpleName());
    }
}
