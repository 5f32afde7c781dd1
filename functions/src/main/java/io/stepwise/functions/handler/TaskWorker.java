package io.stepwise.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/**
 * The Lambda that calls the integrations of the task queue's tasks and puts their answers on the transition queue,
 * and runs the asynchronous Express executions handed to the same queue. Reports partial batch failures.
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
        return SqsEvents.process(event, runtime::runTaskMessage);
    }
}
