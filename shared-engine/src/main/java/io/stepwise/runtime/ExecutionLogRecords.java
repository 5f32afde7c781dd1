package io.stepwise.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.port.LoggingConfiguration;
import io.stepwise.query.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The records Step Functions writes to CloudWatch Logs for an execution's history events, whatever carries them:
 * {@code id}, {@code type}, {@code details}, {@code previous_event_id}, {@code event_timestamp} (epoch milliseconds),
 * {@code execution_arn} and {@code redrive_count}, in that order, numbers written as strings. {@code details} holds
 * the event's {@code *EventDetails} as GetExecutionHistory gives them; without {@code includeExecutionData} the
 * payloads go and their {@code inputDetails}/{@code outputDetails} with them (an ExecutionStarted keeps only its
 * {@code roleArn}, a state's events only its {@code name}, an ExecutionSucceeded is {@code {}}), as AWS's records
 * show (recorded against AWS in LocalStack's {@code tests/aws/services/stepfunctions/v2/logs} snapshots). Filtered
 * by level as the developer guide's "Log levels" table lists: ALL logs every event, ERROR the failures, time-outs and
 * aborts and FailStateEntered, FATAL only the execution's own failure, time-out or abort.
 */
public final class ExecutionLogRecords {
    /**
     * The largest record kept whole. A payload that would make a record larger is cut and its
     * {@code inputDetails}/{@code outputDetails} say {@code truncated}, as AWS does past 248 KiB of escaped payload
     * (CloudWatch Logs takes events of up to 256 KiB).
     */
    public static final int MAX_RECORD_BYTES = 248 * 1024;

    private static final Set<HistoryEventType> FATAL = EnumSet.of(HistoryEventType.EXECUTION_FAILED,
            HistoryEventType.EXECUTION_TIMED_OUT, HistoryEventType.EXECUTION_ABORTED);

    /** One log record: when its event happened and its JSON text. */
    public record LogRecord(Instant timestamp, String json) {
    }

    private ExecutionLogRecords() {
    }

    /** The records of {@code events} the configuration's level keeps, in order; none when logging is off. */
    public static List<LogRecord> of(LoggingConfiguration logging, String executionArn, int redriveCount,
            List<HistoryEvent> events) {
        List<LogRecord> records = new ArrayList<>();
        if (logging.level().equals("OFF") || logging.logGroupArns().isEmpty()) {
            return records;
        }
        for (HistoryEvent event : events) {
            if (logged(logging.level(), event.type())) {
                records.add(new LogRecord(event.timestamp(),
                        record(event, executionArn, redriveCount, logging.includeExecutionData())));
            }
        }
        return records;
    }

    /** Whether an event of {@code type} is logged at {@code level}. */
    public static boolean logged(String level, HistoryEventType type) {
        String name = type.wireName();
        return switch (level) {
            case "ALL" -> true;
            case "ERROR" -> FATAL.contains(type) || name.endsWith("Failed") || name.endsWith("TimedOut")
                    || name.endsWith("Aborted") || type == HistoryEventType.FAIL_STATE_ENTERED;
            case "FATAL" -> FATAL.contains(type);
            default -> false;
        };
    }

    /** The name of the log group {@code arn:…:log-group:NAME:*}. */
    public static String logGroupName(String logGroupArn) {
        int start = logGroupArn.indexOf(":log-group:") + ":log-group:".length();
        int end = logGroupArn.endsWith(":*") ? logGroupArn.length() - 2 : logGroupArn.length();
        return logGroupArn.substring(start, end);
    }

    private static String record(HistoryEvent event, String executionArn, int redriveCount, boolean includeData) {
        ObjectNode details = event.details() == null ? Json.MAPPER.createObjectNode() : event.details().deepCopy();
        if (!includeData) {
            details.remove(List.of("input", "inputDetails", "output", "outputDetails"));
        }
        ObjectNode record = Json.MAPPER.createObjectNode();
        record.put("id", Long.toString(event.id()));
        record.put("type", event.type().wireName());
        record.set("details", details);
        record.put("previous_event_id", Long.toString(event.previousEventId()));
        record.put("event_timestamp", Long.toString(event.timestamp().toEpochMilli()));
        record.put("execution_arn", executionArn);
        record.put("redrive_count", Integer.toString(redriveCount));
        String json = Json.write(record);
        int excess = json.getBytes(StandardCharsets.UTF_8).length - MAX_RECORD_BYTES;
        if (excess <= 0) {
            return json;
        }
        for (String payload : List.of("input", "output")) {
            if (excess > 0 && details.path(payload).isTextual()) {
                String text = details.get(payload).textValue();
                String cut = cut(text, excess);
                excess -= Json.write(details.get(payload)).getBytes(StandardCharsets.UTF_8).length
                        - Json.write(Json.MAPPER.getNodeFactory().textNode(cut)).getBytes(StandardCharsets.UTF_8)
                        .length;
                details.put(payload, cut);
                details.putObject(payload + "Details").put("truncated", true);
            }
        }
        return Json.write(record);
    }

    /** {@code text} shortened by at least {@code bytes} bytes of its escaped form (escaping at most doubles them). */
    private static String cut(String text, int bytes) {
        int keep = Math.max(0, text.length() - bytes);
        String cut = text.substring(0, keep);
        while (!cut.isEmpty() && escapedBytes(text) - escapedBytes(cut) < bytes) {
            cut = cut.substring(0, Math.max(0, cut.length() - Math.max(1, (bytes - (escapedBytes(text)
                    - escapedBytes(cut))))));
        }
        return cut;
    }

    private static int escapedBytes(String text) {
        return Json.write(Json.MAPPER.getNodeFactory().textNode(text)).getBytes(StandardCharsets.UTF_8).length;
    }
}
