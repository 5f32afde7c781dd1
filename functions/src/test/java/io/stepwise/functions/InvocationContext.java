package io.stepwise.functions;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;
import java.util.UUID;

/**
 * The {@link Context} Lambda hands one invocation of a function with {@code timeout} and {@code memoryMb}: its
 * remaining time counts down on the wall clock from the moment it is made. Logs go to standard error.
 */
public final class InvocationContext implements Context {
    /** The stack's task worker: 15 minutes, 1024 MB. */
    public static final Duration TASK_WORKER_TIMEOUT = Duration.ofMinutes(15);

    private final String functionName;
    private final String requestId = UUID.randomUUID().toString();
    private final long deadlineNanos;
    private final int memoryMb;

    public InvocationContext(String functionName, Duration timeout, int memoryMb) {
        this.functionName = functionName;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.memoryMb = memoryMb;
    }

    /** An invocation of the stack's task worker starting now. */
    public static InvocationContext taskWorker() {
        return new InvocationContext("TaskWorker", TASK_WORKER_TIMEOUT, 1024);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "test/[$LATEST]" + requestId.replace("-", "");
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "live";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName + ":live";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.print(new String(message, java.nio.charset.StandardCharsets.UTF_8));
            }
        };
    }
}
