package io.stepwise.functions.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.functions.Moto;
import io.stepwise.runtime.ActivityQueue;
import io.stepwise.runtime.ActivityQueueContract;
import io.stepwise.runtime.ActivityTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The activity queue on DynamoDB (moto) passes the contract every activity queue does, and hides taken tasks. */
class DynamoDbActivityQueueTest extends ActivityQueueContract {
    private static final String WORK = "arn:aws:states:us-east-1:123456789012:activity:work";

    @Override
    protected ActivityQueue createQueue() {
        DynamoDbTables tables = new DynamoDbTables(Moto.uniquePrefix());
        tables.create(Moto.dynamo());
        return new DynamoDbActivityQueue(Moto.dynamo(), tables, Clock.systemUTC());
    }

    @Test
    void aTaskTakenButNeverAcknowledgedComesBackOnlyOnceItsClaimRunsOut() {
        DynamoDbTables tables = new DynamoDbTables(Moto.uniquePrefix());
        tables.create(Moto.dynamo());
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        DynamoDbActivityQueue queue = new DynamoDbActivityQueue(Moto.dynamo(), tables, clock);
        ActivityTask task = new ActivityTask(WORK, "arn:aws:states:us-east-1:123456789012:execution:m:e", "t", "{}");
        queue.offer(task);

        assertThat(queue.poll(WORK, Duration.ZERO)).contains(task);
        assertThat(queue.poll(WORK, Duration.ZERO)).as("held by the first poller").isEmpty();
        now.set(now.get().plus(DynamoDbActivityQueue.CLAIM).plusSeconds(1));
        assertThat(queue.poll(WORK, Duration.ZERO)).as("its poller died before acknowledging it").contains(task);
    }

    @Test
    void aLongPollEndsWellWithinApiGatewaysTwentyNineSeconds() {
        DynamoDbTables tables = new DynamoDbTables(Moto.uniquePrefix());
        DynamoDbActivityQueue queue = new DynamoDbActivityQueue(Moto.dynamo(), tables, Clock.systemUTC());

        assertThat(queue.longestGetActivityTask()).isLessThanOrEqualTo(Duration.ofSeconds(25));
    }
}
