package io.stepwise.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.function.LongSupplier;

/**
 * The Lambda that calls the integrations of the task queue's tasks and applies their answers (through the
 * transition queue when another step of the execution committed first), and runs the asynchronous Express executions handed to the same queue. After a task it calls the next task of
 * the same execution itself while the invocation's remaining time allows ({@code TaskWork}). Reports partial batch
 * failures.
 */
public final class TaskWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final AwsRuntime runtime;

    public TaskWorker() {
        this(AwsRuntime.fromEnvironment());
    }

    public TaskWorker(AwsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // Outside Lambda (a test calling the handler without a context) no deadline is known, so nothing is chained.
        LongSupplier remainingMillis = context == null ? () -> 0 : context::getRemainingTimeInMillis;
        return SqsEvents.process(event, body -> runtime.runTaskMessage(body, remainingMillis));
    }
}
