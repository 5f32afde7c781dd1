package io.stepwise.functions.queue;

import io.stepwise.engine.Command;
import io.stepwise.runtime.TaskDispatcher;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Hands committed tasks to a standard SQS queue read by the task worker ({@link TaskWork}). Tasks need no order and
 * a duplicate is harmless (its answer is applied once), so a standard queue's throughput is preferred to FIFO's.
 */
public final class SqsTaskDispatcher implements TaskDispatcher {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsTaskDispatcher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void dispatch(String executionArn, Command.InvokeTask task) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Messages.task(executionArn, task)));
    }
}
