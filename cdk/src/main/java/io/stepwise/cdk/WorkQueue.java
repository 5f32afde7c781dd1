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
 * days) and an alarm on anything reaching it.
 */
final class WorkQueue extends Construct {
    static final int MAX_RECEIVES = 5;

    final Queue queue;
    final Queue deadLetters;
    final Alarm deadLetterAlarm;

    /** @param visibility at least the reading function's timeout, so that no message is read twice at once */
    WorkQueue(Construct scope, String id, Encryption encryption, boolean fifo, Duration visibility) {
        super(scope, id);
        Queue.Builder dlq = Queue.Builder.create(this, "DeadLetters")
                .retentionPeriod(Duration.days(14))
                .encryption(encryption.queue())
                .enforceSsl(true);
        Queue.Builder main = Queue.Builder.create(this, "Queue")
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
            // Deliveries are idempotent (each names the command it answers); content-based deduplication only
            // saves a duplicate step. Message groups are executions, so one execution's steps run in order.
            main.fifo(true).contentBasedDeduplication(true);
        }
        deadLetters = dlq.build();
        queue = main.deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVES)
                .build()).build();
        deadLetterAlarm = Alarm.Builder.create(this, "DeadLettersAlarm")
                .alarmDescription("Messages of the Stepwise " + id + " queue failed " + MAX_RECEIVES
                        + " times and wait in its dead-letter queue")
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
