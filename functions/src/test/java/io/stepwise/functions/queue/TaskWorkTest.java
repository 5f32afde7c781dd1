package io.stepwise.functions.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.Command;
import io.stepwise.query.Json;
import org.junit.jupiter.api.Test;

/** Which tasks a task worker may chain in the time its invocation has left. */
class TaskWorkTest {

    @Test
    void aTaskWithATimeoutFitsWhenItsTimeoutAndTheMarginAreLeft() {
        Command.InvokeTask minute = task(60);
        long needed = (60 + TaskWork.MARGIN.toSeconds()) * 1000;

        assertThat(TaskWork.fits(minute, needed)).isTrue();
        assertThat(TaskWork.fits(minute, needed - 1)).isFalse();
    }

    @Test
    void aTaskWithoutATimeoutIsGivenTheUntimedAllowance() {
        long needed = TaskWork.UNTIMED_TASK.plus(TaskWork.MARGIN).toMillis();

        assertThat(TaskWork.fits(task(null), needed)).isTrue();
        assertThat(TaskWork.fits(task(null), needed - 1)).isFalse();
        assertThat(TaskWork.fits(task(null), 0)).as("no deadline known").isFalse();
    }

    @Test
    void aFifteenMinuteTaskNeverFitsAFifteenMinuteInvocation() {
        assertThat(TaskWork.fits(task(900), 900_000)).isFalse();
    }

    private static Command.InvokeTask task(Integer timeoutSeconds) {
        return new Command.InvokeTask("ref", "Call", "arn:aws:states:::lambda:invoke", Json.MAPPER.createObjectNode(),
                null, timeoutSeconds, null, null);
    }
}
