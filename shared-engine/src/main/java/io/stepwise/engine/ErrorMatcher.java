package io.stepwise.engine;

import io.stepwise.query.StatesErrors;
import java.util.List;

/** Whether a Retrier's or Catcher's {@code ErrorEquals} covers an error name. */
final class ErrorMatcher {
    private ErrorMatcher() {
    }

    static boolean matches(List<String> errorEquals, String error) {
        for (String name : errorEquals) {
            if (name.equals(error)) {
                return true;
            }
            // AWS: States.ALL and States.TaskFailed never match these terminal errors.
            boolean terminal = StatesErrors.RUNTIME.equals(error) || StatesErrors.DATA_LIMIT_EXCEEDED.equals(error);
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
