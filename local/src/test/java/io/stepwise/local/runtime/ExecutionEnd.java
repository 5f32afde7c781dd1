package io.stepwise.local.runtime;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.ExecutionLookup;
import io.stepwise.engine.port.ExecutionRecord;
import java.time.Duration;

/** Waits, polling the store, for an execution to leave RUNNING. */
final class ExecutionEnd {
    private ExecutionEnd() {
    }

    /** The execution's record once it has ended; fails the test if it is still running after {@code timeout}. */
    static ExecutionRecord await(ExecutionLookup executions, String arn, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ExecutionRecord record = executions.load(arn).orElseThrow();
            if (record.status() != ExecutionStatus.RUNNING) {
                return record;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(arn + " did not end");
    }
}
