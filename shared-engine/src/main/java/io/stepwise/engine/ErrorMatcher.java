package io.stepwise.engine;

import io.stepwise.query.StatesErrors;
import java.util.List;

/** Whether a Retrier's or Catcher's {@code ErrorEquals} covers an error name. */
final class ErrorMatcher {
    private ErrorMatcher() {
    }

    static boolean matches(List<String> errorEquals, String error) {
        return matches(errorEquals, error, false);
    }

    /**
     * @param reportedByTask whether the error ended a task ({@code TaskFailed}, {@code LambdaFunctionFailed}...)
     *     rather than being raised by the interpreter while running the state's own fields
     */
    static boolean matches(List<String> errorEquals, String error, boolean reportedByTask) {
        for (String name : errorEquals) {
            if (name.equals(error)) {
                return true;
            }
            // AWS: States.ALL and States.TaskFailed never match these terminal errors when the interpreter
            // raises them. A task that fails with one is caught by States.ALL all the same (recorded:
            // LocalStack test_states_errors.py::test_*_catch_state_all_data_limit_exceeded_on_large_utf8_response).
            boolean terminal = !reportedByTask
                    && (StatesErrors.RUNTIME.equals(error) || StatesErrors.DATA_LIMIT_EXCEEDED.equals(error));
            if (StatesErrors.ALL.equals(name) && !terminal) {
                return true;
            }
            // AWS: States.TaskFailed matches any known error name except States.Timeout.
            if (StatesErrors.TASK_FAILED.equals(name) && !terminal && !StatesErrors.TIMEOUT.equals(error)) {
                return true;
            }
        }
        return false;
    }
}
