package io.stepwise.local.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes connections whose request head and body are still arriving a fixed time after their first byte. Jetty's
 * idle timeout only catches clients that stop sending; one that trickles a byte every few seconds would keep its
 * connection forever. Such connections hold no thread (Jetty parses without one), only a socket and a buffer,
 * and this bounds how long they can.
 */
final class SlowRequestReaper extends AbstractLifeCycle {
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final Connector connector;
    private final Scheduler scheduler;
    private final long deadlineNanos;
    private volatile Scheduler.Task next;

    SlowRequestReaper(Connector connector, Scheduler scheduler, Duration deadline) {
        this.connector = connector;
        this.scheduler = scheduler;
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
    }

    private void schedule() {
        next = scheduler.schedule(this::sweep, SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (endPoint.getConnection() instanceof HttpConnection http && tooSlow(http.getParser())) {
                    endPoint.close();
                }
            }
        } finally {
            if (isRunning()) {
                schedule();
            }
        }
    }

    /**
     * Whether the parser is part-way through a request that began too long ago. The parser's state is volatile
     * and set after its begin time, so reading the state first sees the begin time of the current request.
     */
    private boolean tooSlow(HttpParser parser) {
        boolean reading = !parser.isStart() && (parser.inHeaderState() || parser.inContentState());
        return reading && NanoTime.since(parser.getBeginNanoTime()) > deadlineNanos;
    }
}
