package io.stepwise.functions.queue;

import io.stepwise.engine.port.Timer;
import io.stepwise.engine.port.TimerStore;
import io.stepwise.runtime.TimerService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Timers as delayed messages on a standard SQS queue: SQS delays one message by at most 900 seconds (FIFO queues
 * cannot delay single messages at all), so a message carries the timer's due time and {@link TimerRelay} sends it
 * again, delayed by what remains, until it is due. The stored timer stays the truth: its fire is consumed by the
 * commit of the step it answers, so a message that arrives late or twice is a no-op.
 */
public final class SqsTimerService implements TimerService {
    static final long MAX_DELAY_SECONDS = 900;

    private final SqsClient sqs;
    private final String queueUrl;
    private final TimerStore stored;
    private final Clock clock;

    public SqsTimerService(SqsClient sqs, String queueUrl, TimerStore stored, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.stored = stored;
        this.clock = clock;
    }

    @Override
    public void schedule(List<Timer> timers) {
        for (Timer timer : timers) {
            send(timer);
        }
    }

    /**
     * Sends a timer message delayed until its due time, or by 900 seconds if that is further away. The delay is
     * rounded up to whole seconds: rounded down, a message would come back before its timer is due and be sent
     * again, undelayed, until it is, each round a send, a receive, a delete and a relay invocation.
     */
    void send(Timer timer) {
        long millis = Duration.between(clock.instant(), timer.dueAt()).toMillis();
        long seconds = Math.floorDiv(millis + 999, 1000);
        int delay = (int) Math.max(0, Math.min(MAX_DELAY_SECONDS, seconds));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Messages.timer(timer)).delaySeconds(delay));
    }

    @Override
    public void discard(Timer fired) {
        stored.remove(fired);
    }
}
