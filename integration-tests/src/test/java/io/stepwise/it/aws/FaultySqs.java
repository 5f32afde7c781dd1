package io.stepwise.it.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The workers' SQS client with a fault on the way: the next {@code n} sends to one queue fail as a connection
 * dropped mid-call would, which is what a worker killed between its DynamoDB commit and its SQS send leaves behind
 * (the commit stands, the message is never sent, the invocation fails). Every other call reaches moto. The queue is
 * named by the end of its URL ({@code "tasks"}, {@code "timers"}), as the deployment names them after its prefix.
 */
public final class FaultySqs {
    private final String queueUrlEnd;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    public FaultySqs(String queueUrlEnd) {
        this.queueUrlEnd = queueUrlEnd;
    }

    /** The next {@code n} sends to the queue fail. */
    public void failNextSends(int n) {
        failures.set(n);
    }

    /** How many sends failed so far. */
    public int dropped() {
        return dropped.get();
    }

    public SqsClient wrap(SqsClient sqs) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("sendMessage") && args != null && args.length == 1
                    && target(args[0]) && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                dropped.incrementAndGet();
                throw SdkClientException.create("Unable to execute HTTP request: Connection reset (fault injected)");
            }
            try {
                return method.invoke(sqs, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class},
                handler);
    }

    @SuppressWarnings("unchecked")
    private boolean target(Object request) {
        if (request instanceof SendMessageRequest send) {
            return send.queueUrl().endsWith(queueUrlEnd);
        }
        if (request instanceof java.util.function.Consumer<?> consumer) {
            SendMessageRequest.Builder builder = SendMessageRequest.builder();
            ((java.util.function.Consumer<SendMessageRequest.Builder>) consumer).accept(builder);
            return builder.build().queueUrl().endsWith(queueUrlEnd);
        }
        return false;
    }
}
