package io.stepwise.functions.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.Command;
import io.stepwise.query.Json;
import io.stepwise.runtime.TaskDispatcher;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Hands committed tasks to the task worker function by asynchronous invocation: one Invoke (billed as one Lambda
 * request) instead of the task queue's send, receive and delete. The payload is an SQS event of one record whose
 * body is the task queue's message ({@link Messages#task}), marked {@link #EVENT_SOURCE}, so the worker reads both
 * alike and tells them apart only to fail a direct invocation whole (Lambda's asynchronous retries and on-failure
 * destination then apply, as the queue's redelivery and dead-letter queue do to a message).
 *
 * <p>A dispatch is never lost: a payload over Lambda's asynchronous limit, or an Invoke that fails (throttled, a
 * service error, after one retry: {@link #retryStrategy}), goes to the {@code fallback} queue instead. Lambda keeps accepted
 * events in its own queue and may deliver one twice, which the worker tolerates as it does a queue's duplicate
 * (TaskWork's stillWaitedFor); an event it drops after its retries is in the on-failure destination, and its task
 * is still in the execution's outbox, dispatched again by the sweep when its claim runs out.
 */
public final class LambdaTaskDispatcher implements TaskDispatcher {
    /**
     * Lambda's largest asynchronous invocation payload: 1 MB (the Invoke API reference, "For asynchronous
     * invocations, the maximum payload size is 1 MB"; it was 256 KB before). Counted in bytes of the whole event.
     */
    public static final int ASYNC_PAYLOAD_LIMIT = 1024 * 1024;
    /**
     * Invoke attempts before the task goes to the queue: the queue is as good a way to the worker, so a throttled
     * or failing Invoke is tried once more, not with the SDK's default three retries and their backoff.
     */
    static final int INVOKE_ATTEMPTS = 2;
    /** The {@code eventSource} of a record this dispatcher makes; SQS's records say {@code aws:sqs}. */
    public static final String EVENT_SOURCE = "stepwise:invoke";

    private final LambdaClient lambda;
    private final String functionArn;
    private final TaskDispatcher fallback;
    private final int payloadLimit;

    /**
     * @param functionArn the task worker's alias ARN
     * @param fallback where a task goes that cannot be invoked: the task queue
     */
    public LambdaTaskDispatcher(LambdaClient lambda, String functionArn, TaskDispatcher fallback) {
        this(lambda, functionArn, fallback, ASYNC_PAYLOAD_LIMIT);
    }

    /** @param payloadLimit the largest payload invoked, in bytes; larger ones go to {@code fallback} */
    LambdaTaskDispatcher(LambdaClient lambda, String functionArn, TaskDispatcher fallback, int payloadLimit) {
        this.lambda = lambda;
        this.functionArn = functionArn;
        this.fallback = fallback;
        this.payloadLimit = payloadLimit;
    }

    /** The retry strategy of the {@link LambdaClient} this dispatcher invokes with: {@link #INVOKE_ATTEMPTS}. */
    public static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(INVOKE_ATTEMPTS).build();
    }

    @Override
    public void dispatch(String executionArn, Command.InvokeTask task) {
        byte[] payload = event(Messages.task(executionArn, task)).getBytes(StandardCharsets.UTF_8);
        if (payload.length > payloadLimit) {
            fallback.dispatch(executionArn, task);
            return;
        }
        try {
            lambda.invoke(b -> b.functionName(functionArn).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromByteArray(payload)));
        } catch (SdkException e) {
            System.err.println("stepwise: invoking the task worker failed, the task goes to the task queue: " + e);
            fallback.dispatch(executionArn, task);
        }
    }

    /** The SQS-shaped event of one task message, as Lambda's runtime reads it into an {@code SQSEvent}. */
    static String event(String messageBody) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.putArray("Records").addObject()
                .put("messageId", UUID.randomUUID().toString())
                .put("eventSource", EVENT_SOURCE)
                .put("body", messageBody);
        return event.toString();
    }
}
