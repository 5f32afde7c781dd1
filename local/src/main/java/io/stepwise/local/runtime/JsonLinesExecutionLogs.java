package io.stepwise.local.runtime;

import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.LoggingConfiguration;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineStore;
import io.stepwise.runtime.ExecutionLogRecords;
import io.stepwise.runtime.ExecutionLogs;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Execution logs as AWS delivers them to CloudWatch Logs ({@link ExecutionLogRecords}), one JSON record a line in a
 * file per log group ({@code <dir>/<URL-encoded log group name>.jsonl}).
 */
public final class JsonLinesExecutionLogs implements ExecutionLogs {
    private static final System.Logger LOG = System.getLogger(JsonLinesExecutionLogs.class.getName());

    private final StateMachineStore machines;
    private final Path directory;

    public JsonLinesExecutionLogs(StateMachineStore machines, Path directory) {
        this.machines = machines;
        this.directory = directory;
    }

    @Override
    public void append(String stateMachineArn, String executionArn, int redriveCount, List<HistoryEvent> events) {
        LoggingConfiguration logging = machines.find(stateMachineArn).map(StateMachineRecord::logging)
                .orElse(LoggingConfiguration.OFF);
        List<ExecutionLogRecords.LogRecord> records = ExecutionLogRecords.of(logging, executionArn, redriveCount,
                events);
        if (records.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        records.forEach(record -> lines.append(record.json()).append('\n'));
        for (String logGroupArn : logging.logGroupArns()) {
            write(file(logGroupArn), lines.toString());
        }
    }

    /** The file of the log group {@code arn:…:log-group:NAME:*}. */
    Path file(String logGroupArn) {
        return directory.resolve(URLEncoder.encode(ExecutionLogRecords.logGroupName(logGroupArn),
                StandardCharsets.UTF_8) + ".jsonl");
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
