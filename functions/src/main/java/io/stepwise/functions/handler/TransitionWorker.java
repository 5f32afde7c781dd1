package io.stepwise.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stepwise.functions.queue.Messages;

/**
 * The Lambda that applies the triggers of the transition queue through the shared runner; one execution's triggers
 * arrive in order, one batch of its message group at a time. A stale or duplicate trigger is a no-op. Reports
 * partial batch failures.
 */
public final class TransitionWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final AwsRuntime runtime;

    public TransitionWorker() {
        this(AwsRuntime.fromEnvironment());
    }

    public TransitionWorker(AwsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsEvents.process(event, body -> runtime.runner().deliver(Messages.delivery(body)));
    }
}
