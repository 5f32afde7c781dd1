package io.stepwise.asl;

import java.util.List;

/** The {@code Retry} and {@code Catch} of a Task, Parallel or Map state. */
public record ErrorHandling(List<Retrier> retriers, List<Catcher> catchers) {
    public static final ErrorHandling NONE = new ErrorHandling(List.of(), List.of());

    public ErrorHandling {
        retriers = List.copyOf(retriers);
        catchers = List.copyOf(catchers);
    }

    /** The Retry and Catch of {@code state}: a Task's, Parallel's or Map's; none for the other kinds. */
    public static ErrorHandling of(State state) {
        if (state instanceof TaskState task) {
            return task.errorHandling();
        }
        if (state instanceof ParallelState parallel) {
            return parallel.errorHandling();
        }
        if (state instanceof MapState map) {
            return map.errorHandling();
        }
        return NONE;
    }
}
