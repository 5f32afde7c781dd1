package io.stepwise.it.api;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A Stepwise the API tests call over HTTP with the real SDK: the local server ({@link LocalServer}) or the AWS
 * composition on moto ({@link AwsBackend}), each serving the {@link TestIntegrations}.
 */
interface ApiBackend extends AutoCloseable {
    String ECHO_LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:echo";
    String CALLBACK = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    /** A Lambda that takes {@link #SLOW_MILLIS} to echo its input, counting how many of its calls overlap. */
    String SLOW_LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:slow";
    long SLOW_MILLIS = 300;

    /** A client of this backend, closed with it. */
    SfnClient sfn();

    /** The loopback port the API answers on, for raw HTTP. */
    int port();

    /** The test integrations this backend's tasks call. */
    TestIntegrations integrations();

    default BlockingQueue<String> issuedTokens() {
        return integrations().issuedTokens;
    }

    default AtomicInteger slowCallsPeak() {
        return integrations().slowCallsPeak;
    }

    @Override
    void close();
}
