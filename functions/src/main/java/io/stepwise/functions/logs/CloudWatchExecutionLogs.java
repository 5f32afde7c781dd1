package io.stepwise.functions.logs;

import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.LoggingConfiguration;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineStore;
import io.stepwise.runtime.ExecutionLogRecords;
import io.stepwise.runtime.ExecutionLogs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Execution logs on AWS: the records of {@link ExecutionLogRecords} put into the machine's configured log group with
 * {@code PutLogEvents}, one log stream per execution named {@code states/<machine>/<execution>} (the execution ARN's
 * resource part, colons made slashes, which log stream names may not hold). A stream is made the first time a put
 * finds it missing. Like AWS's own delivery this is best-effort: a failure (a missing log group, no permission,
 * throttling) never fails the transition; it is logged and counted in {@link #failures()}.
 *
 * <p>The machine's logging configuration is read from the store and kept for {@link #CONFIGURATION_TTL}, so a busy
 * execution costs no extra read per transition; an update reaches running executions within that time.
 */
public final class CloudWatchExecutionLogs implements ExecutionLogs {
    /** How long a machine's logging configuration is reused before it is read again. */
    public static final Duration CONFIGURATION_TTL = Duration.ofSeconds(30);
    /** PutLogEvents' limits: at most 10,000 events and 1,048,576 bytes, each event counted as its size + 26. */
    static final int MAX_BATCH_EVENTS = 10_000;
    static final int MAX_BATCH_BYTES = 1_048_576;
    static final int EVENT_OVERHEAD_BYTES = 26;

    private static final System.Logger LOG = System.getLogger(CloudWatchExecutionLogs.class.getName());

    private final CloudWatchLogsClient logs;
    private final StateMachineStore machines;
    private final Clock clock;
    private final Map<String, Cached> configurations = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();

    private record Cached(LoggingConfiguration logging, Instant readAt) {
    }

    public CloudWatchExecutionLogs(CloudWatchLogsClient logs, StateMachineStore machines, Clock clock) {
        this.logs = logs;
        this.machines = machines;
        this.clock = clock;
    }

    @Override
    public void append(String stateMachineArn, String executionArn, int redriveCount, List<HistoryEvent> events) {
        try {
            LoggingConfiguration logging = configuration(stateMachineArn);
            List<ExecutionLogRecords.LogRecord> records = ExecutionLogRecords.of(logging, executionArn,
                    redriveCount, events);
            if (records.isEmpty()) {
                return;
            }
            String stream = logStreamName(executionArn);
            for (String logGroupArn : logging.logGroupArns()) {
                put(ExecutionLogRecords.logGroupName(logGroupArn), stream, records);
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "execution logs of " + executionArn + " not delivered: " + e);
        }
    }

    /** How many deliveries failed since this instance was made (each also logged as a warning). */
    public long failures() {
        return failures.get();
    }

    /** {@code states/<machine>/<execution>} from {@code arn:…:execution:<machine>:<execution>} (or {@code express}). */
    static String logStreamName(String executionArn) {
        String[] parts = executionArn.split(":", 7);
        String resource = parts.length == 7 ? parts[6] : executionArn;
        return "states/" + resource.replace(':', '/').replace('*', '_');
    }

    private LoggingConfiguration configuration(String stateMachineArn) {
        Instant now = clock.instant();
        Cached cached = configurations.get(stateMachineArn);
        if (cached == null || cached.readAt().plus(CONFIGURATION_TTL).isBefore(now)) {
            cached = new Cached(machines.find(stateMachineArn).map(StateMachineRecord::logging)
                    .orElse(LoggingConfiguration.OFF), now);
            configurations.put(stateMachineArn, cached);
        }
        return cached.logging();
    }

    private void put(String group, String stream, List<ExecutionLogRecords.LogRecord> records) {
        for (List<InputLogEvent> batch : batches(records)) {
            try {
                logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(batch));
            } catch (ResourceNotFoundException missingStream) {
                createStream(group, stream);
                logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(batch));
            } catch (SdkException e) {
                failures.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "execution logs not delivered to " + group + " " + stream
                        + ": " + e.getMessage());
            }
        }
    }

    private void createStream(String group, String stream) {
        try {
            logs.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
        } catch (ResourceAlreadyExistsException madeByAnotherWorker) {
            // Another worker made it between our put and this create: the retried put will find it.
        }
    }

    /** The records in order, cut into batches within PutLogEvents' count and size limits. */
    static List<List<InputLogEvent>> batches(List<ExecutionLogRecords.LogRecord> records) {
        List<List<InputLogEvent>> batches = new ArrayList<>();
        List<InputLogEvent> batch = new ArrayList<>();
        int bytes = 0;
        for (ExecutionLogRecords.LogRecord record : records) {
            int size = record.json().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD_BYTES;
            if (!batch.isEmpty() && (batch.size() == MAX_BATCH_EVENTS || bytes + size > MAX_BATCH_BYTES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(InputLogEvent.builder().timestamp(record.timestamp().toEpochMilli()).message(record.json())
                    .build());
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }
}
