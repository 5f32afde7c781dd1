package io.stepwise.functions.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.runtime.ExecutionLogRecords.LogRecord;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

class CloudWatchExecutionLogsTest {

    @Test
    void aStreamPerExecutionNamedWithoutColons() {
        assertThat(CloudWatchExecutionLogs.logStreamName(
                "arn:aws:states:eu-west-1:123456789012:execution:orders:run-1")).isEqualTo("states/orders/run-1");
        assertThat(CloudWatchExecutionLogs.logStreamName(
                "arn:aws:states:eu-west-1:123456789012:express:fast:e:3f2a")).isEqualTo("states/fast/e/3f2a");
    }

    @Test
    void batchesKeepWithinPutLogEventsCountAndSizeLimits() {
        LogRecord small = new LogRecord(Instant.EPOCH, "{}");
        List<List<InputLogEvent>> byCount = CloudWatchExecutionLogs.batches(Collections.nCopies(25_001, small));
        assertThat(byCount).extracting(List::size).containsExactly(10_000, 10_000, 5_001);

        LogRecord large = new LogRecord(Instant.EPOCH, "x".repeat(200 * 1024));
        List<List<InputLogEvent>> bySize = CloudWatchExecutionLogs.batches(Collections.nCopies(11, large));
        assertThat(bySize).extracting(List::size).containsExactly(5, 5, 1);
        assertThat(bySize.get(0)).allSatisfy(event -> assertThat(event.timestamp()).isZero());
    }
}
