package io.stepwise.cdk;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * A queue the workers read, its dead-letter queue (messages that failed {@value #MAX_RECEIVES} times, kept 14
 * days) and an alarm on anything reaching it; named and configured as module {@code functions}' {@code SqsQueues}
 * creates them: {@code <name>[.fifo]} and {@code <name>-dlq[.fifo]}, messages of up to 1 MiB.
 */
final class WorkQueue extends Construct {
    static final int MAX_RECEIVES = 5;
    /** SQS's largest message: a task's input or answer carries up to 256 KiB of payload, escaped, in an envelope. */
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    final Queue queue;
    final Queue deadLetters;
    final Alarm deadLetterAlarm;

    /** @param visibility at least the reading function's timeout, so that no message is read twice at once */
    WorkQueue(Construct scope, String id, String name, Encryption encryption, boolean fifo, Duration visibility) {
        this(scope, id, name, encryption, fifo, visibility, null);
    }

    /**
     * @param alsoHolds what else fails to the dead-letter queue, as its alarm should say (an on-failure destination's
     *     records), or {@code null}
     */
    WorkQueue(Construct scope, String id, String name, Encryption encryption, boolean fifo, Duration visibility,
            String alsoHolds) {
        super(scope, id);
        String suffix = fifo ? ".fifo" : "";
        Queue.Builder dlq = Queue.Builder.create(this, "DeadLetters")
                .queueName(name + "-dlq" + suffix)
                .maxMessageSizeBytes(MAX_MESSAGE_BYTES)
                .retentionPeriod(Duration.days(14))
                .encryption(encryption.queue())
                .enforceSsl(true);
        Queue.Builder main = Queue.Builder.create(this, "Queue")
                .queueName(name + suffix)
                .maxMessageSizeBytes(MAX_MESSAGE_BYTES)
                .visibilityTimeout(visibility)
                .retentionPeriod(Duration.days(14))
                .encryption(encryption.queue())
                .enforceSsl(true);
        if (encryption.key() != null) {
            dlq.encryptionMasterKey(encryption.key());
            main.encryptionMasterKey(encryption.key());
        }
        if (fifo) {
            dlq.fifo(true);
            // The transition queue sets a deduplication id on every message (SqsTransitionQueue), so content-based
            // deduplication stays off. Message groups are executions, so one execution's steps run in order.
            main.fifo(true).contentBasedDeduplication(false);
        }
        deadLetters = dlq.build();
        queue = main.deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVES)
                .build()).build();
        deadLetterAlarm = Alarm.Builder.create(this, "DeadLettersAlarm")
                .alarmDescription("Messages of the Stepwise " + id + " queue failed " + MAX_RECEIVES
                        + " times" + (alsoHolds == null ? "" : ", or " + alsoHolds + ",")
                        + " and wait in its dead-letter queue")
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible().with(
                        software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                                .period(Duration.minutes(1)).statistic("Maximum").build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }
}
