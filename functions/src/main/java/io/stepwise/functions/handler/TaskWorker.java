package io.stepwise.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stepwise.functions.queue.LambdaTaskDispatcher;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The Lambda that calls the integrations of the tasks handed to it and applies their answers (through the
 * transition queue when another step of the execution committed first), and runs the asynchronous Express executions
 * handed to the task queue. Tasks come from the task queue's event source mapping or, in the same event shape, by
 * asynchronous invocation ({@link LambdaTaskDispatcher}). After a task it calls the next task of the same execution
 * itself while the invocation's remaining time allows ({@code TaskWork}). Reports a queue batch's failures as
 * partial batch failures; a direct invocation's failure fails the invocation.
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
        if (direct(event)) {
            // A failure fails the invocation, so Lambda retries the event and, past its retries, sends it to the
            // on-failure destination: an asynchronous invocation has no batch response to report it in.
            event.getRecords().forEach(record -> runtime.runTaskMessage(record.getBody(), remainingMillis));
            return new SQSBatchResponse(List.of());
        }
        return SqsEvents.process(event, body -> runtime.runTaskMessage(body, remainingMillis));
    }

    /** Whether {@code event} is an asynchronous invocation by {@link LambdaTaskDispatcher}, not the task queue's. */
    static boolean direct(SQSEvent event) {
        return event.getRecords() != null && !event.getRecords().isEmpty() && event.getRecords().stream()
                .allMatch(record -> LambdaTaskDispatcher.EVENT_SOURCE.equals(record.getEventSource()));
    }
}
