package io.stepwise.functions.queue;

import io.stepwise.engine.ExecutionStart;
import io.stepwise.runtime.ExpressLauncher;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Hands asynchronous Express executions to the task queue ({@link Messages#express}); the task worker runs each in
 * memory to its end with an {@link io.stepwise.runtime.ExpressRunner}. The queue always has room.
 */
public final class SqsExpressLauncher implements ExpressLauncher {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsExpressLauncher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public boolean launch(ExecutionStart start, String definition) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Messages.express(start, definition)));
        return true;
    }
}
