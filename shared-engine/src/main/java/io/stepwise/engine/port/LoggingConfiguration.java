package io.stepwise.engine.port;

import java.util.List;

/**
 * Where and how much of its executions' history a state machine logs: {@code level} ALL, ERROR, FATAL or OFF,
 * whether payloads are included, and the CloudWatch Logs log groups ({@code arn:…:logs:…:log-group:NAME:*}) the
 * records go to. Locally each log group is a JSON-lines file.
 */
public record LoggingConfiguration(String level, boolean includeExecutionData, List<String> logGroupArns) {
    /** What a machine created without a logging configuration has. */
    public static final LoggingConfiguration OFF = new LoggingConfiguration("OFF", false, List.of());

    public LoggingConfiguration {
        level = level == null ? "OFF" : level;
        logGroupArns = logGroupArns == null ? List.of() : List.copyOf(logGroupArns);
    }
}
