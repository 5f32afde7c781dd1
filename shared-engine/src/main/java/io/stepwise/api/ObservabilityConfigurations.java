package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.LoggingConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A state machine's {@code loggingConfiguration} and {@code tracingConfiguration}: read from Create/Update requests,
 * checked as AWS checks them beyond the service model (which already holds the level to ALL/ERROR/FATAL/OFF), and
 * shown by Describe*.
 */
final class ObservabilityConfigurations {
    /** A CloudWatch Logs log group ARN as Step Functions takes it: ending in {@code :*} (API reference). */
    private static final Pattern LOG_GROUP =
            Pattern.compile("arn:aws[\\w-]*:logs:[a-z0-9-]+:\\d{12}:log-group:[\\w./#-]{1,512}:\\*");

    private ObservabilityConfigurations() {
    }

    /** The request's logging configuration, {@code null} when it names none. */
    static LoggingConfiguration logging(ApiRequest request) {
        JsonNode node = request.node("loggingConfiguration");
        if (node == null || node.isNull()) {
            return null;
        }
        String level = node.path("level").asText("OFF");
        List<String> groups = new ArrayList<>();
        for (JsonNode destination : node.path("destinations")) {
            JsonNode arn = destination.path("cloudWatchLogsLogGroup").path("logGroupArn");
            if (!arn.isTextual() || !LOG_GROUP.matcher(arn.textValue()).matches()) {
                throw invalid("Invalid Logging Configuration: Log Destination not valid: '"
                        + (arn.isTextual() ? arn.textValue() : "null")
                        + "'. A log group ARN has the form arn:<partition>:logs:<region>:<account>:log-group:<name>:*");
            }
            groups.add(arn.textValue());
        }
        if (!level.equals("OFF") && groups.size() != 1) {
            throw invalid("Invalid Logging Configuration: Must specify exactly one Log Destination if logging level is"
                    + " not OFF.");
        }
        if (groups.size() > 1) {
            throw invalid("Invalid Logging Configuration: Must specify at most one Log Destination.");
        }
        return new LoggingConfiguration(level, node.path("includeExecutionData").asBoolean(false), groups);
    }

    /** The request's {@code tracingConfiguration.enabled}, {@code null} when it names none. */
    static Boolean tracing(ApiRequest request) {
        JsonNode node = request.node("tracingConfiguration");
        if (node == null || node.isNull()) {
            return null;
        }
        return node.path("enabled").asBoolean(false);
    }

    private static ApiException invalid(String message) {
        return ApiException.of("InvalidLoggingConfiguration", message);
    }

    /** Describe*'s members, as AWS shows them: destinations only when there are some. */
    static void put(ObjectNode response, LoggingConfiguration logging, boolean tracingEnabled) {
        ObjectNode wire = response.putObject("loggingConfiguration").put("level", logging.level())
                .put("includeExecutionData", logging.includeExecutionData());
        if (!logging.logGroupArns().isEmpty()) {
            ArrayNode destinations = wire.putArray("destinations");
            logging.logGroupArns().forEach(arn -> destinations.addObject().putObject("cloudWatchLogsLogGroup")
                    .put("logGroupArn", arn));
        }
        response.putObject("tracingConfiguration").put("enabled", tracingEnabled);
    }
}
