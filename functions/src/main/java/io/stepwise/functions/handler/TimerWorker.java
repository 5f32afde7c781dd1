package io.stepwise.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/**
 * The Lambda that relays the timer queue's messages: a due timer's fire goes to the transition queue, one not due
 * yet is delayed again. Reports partial batch failures.
 */
public final class TimerWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final AwsRuntime runtime;

    public TimerWorker() {
        this(AwsRuntime.fromEnvironment());
    }

    public TimerWorker(AwsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsEvents.process(event, runtime.timerRelay()::relay);
    }
}
