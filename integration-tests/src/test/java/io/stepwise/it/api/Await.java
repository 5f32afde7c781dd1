package io.stepwise.it.api;

import java.time.Duration;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Polls DescribeExecution, as a client of Step Functions would, until the execution closes. */
final class Await {
    private Await() {
    }

    static DescribeExecutionResponse end(SfnClient sfn, String executionArn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(executionArn + " still running");
    }
}
