package io.stepwise.local.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.LoggingConfiguration;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineStore;
import io.stepwise.query.Json;
import io.stepwise.runtime.ExecutionLogs;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

/**
 * Execution logs as AWS delivers them to CloudWatch Logs, one JSON record a line in a file per log group
 * ({@code <dir>/<URL-encoded log group name>.jsonl}): {@code id}, {@code type}, {@code details},
 * {@code previous_event_id}, {@code event_timestamp} (epoch milliseconds) and {@code execution_arn}, numbers as
 * strings as AWS writes them; payloads only with {@code includeExecutionData}. Filtered by the machine's level: ALL
 * logs every event, ERROR the failures, time-outs and aborts, FATAL only the execution's own failure, time-out or
 * abort (Step Functions developer guide, "Log levels for Step Functions execution events").
 */
public final class JsonLinesExecutionLogs implements ExecutionLogs {
    private static final System.Logger LOG = System.getLogger(JsonLinesExecutionLogs.class.getName());
    private static final Set<String> FATAL = Set.of("ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted");

    private final StateMachineStore machines;
    private final Path directory;

    public JsonLinesExecutionLogs(StateMachineStore machines, Path directory) {
        this.machines = machines;
        this.directory = directory;
    }

    @Override
    public void append(String stateMachineArn, String executionArn, List<HistoryEvent> events) {
        LoggingConfiguration logging = machines.find(stateMachineArn).map(StateMachineRecord::logging)
                .orElse(LoggingConfiguration.OFF);
        if (logging.level().equals("OFF") || logging.logGroupArns().isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (HistoryEvent event : events) {
            if (logged(logging.level(), event.type().wireName())) {
                lines.append(Json.write(record(event, executionArn, logging.includeExecutionData()))).append('\n');
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        for (String logGroupArn : logging.logGroupArns()) {
            write(file(logGroupArn), lines.toString());
        }
    }

    static boolean logged(String level, String type) {
        return switch (level) {
            case "ALL" -> true;
            case "ERROR" -> FATAL.contains(type) || type.endsWith("Failed") || type.endsWith("TimedOut")
                    || type.endsWith("Aborted") || type.equals("FailStateEntered");
            case "FATAL" -> FATAL.contains(type);
            default -> false;
        };
    }

    private static ObjectNode record(HistoryEvent event, String executionArn, boolean includeData) {
        ObjectNode details = event.details() == null ? Json.MAPPER.createObjectNode() : event.details().deepCopy();
        if (!includeData) {
            details.remove("input");
            details.remove("output");
        }
        ObjectNode record = Json.MAPPER.createObjectNode();
        record.put("id", Long.toString(event.id()));
        record.put("type", event.type().wireName());
        record.set("details", details);
        record.put("previous_event_id", Long.toString(event.previousEventId()));
        record.put("event_timestamp", Long.toString(event.timestamp().toEpochMilli()));
        record.put("execution_arn", executionArn);
        return record;
    }

    /** The file of the log group {@code arn:…:log-group:NAME:*}. */
    Path file(String logGroupArn) {
        String name = logGroupArn.substring(logGroupArn.indexOf(":log-group:") + ":log-group:".length(),
                logGroupArn.length() - ":*".length());
        return directory.resolve(URLEncoder.encode(name, StandardCharsets.UTF_8) + ".jsonl");
    }

    private synchronized void write(Path file, String lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot write execution logs to " + file, e);
        }
    }
}
