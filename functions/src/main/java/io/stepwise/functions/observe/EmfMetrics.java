package io.stepwise.functions.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.Commit;
import io.stepwise.query.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * CloudWatch metrics as Embedded Metric Format log lines (Lambda's log group turns each into metrics): one line per
 * commit that moves a Standard execution, with AWS's {@code AWS/States} metric names and their
 * {@code StateMachineArn} dimension — ExecutionsStarted, ExecutionsSucceeded, ExecutionsFailed, ExecutionsAborted,
 * ExecutionsTimedOut, ExecutionsRedriven (Count), ExecutionTime (Milliseconds, start to stop) — and
 * {@code StateTransitions} (Count: the states entered, what AWS bills). The namespace is {@value #NAMESPACE}:
 * CloudWatch reserves {@code AWS/*} for AWS.
 */
public final class EmfMetrics implements ExecutionObserver {
    public static final String NAMESPACE = "Stepwise/States";
    public static final String DIMENSION = "StateMachineArn";

    private final Consumer<String> log;
    private final Clock clock;

    /** @param log where the lines go: standard output in a Lambda function */
    public EmfMetrics(Consumer<String> log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void committed(Commit commit, boolean created) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Long executionTime = null;
        for (StatusChange change : StatusChange.of(commit)) {
            String metric = switch (change.status()) {
                case "RUNNING" -> change.redrive() ? "ExecutionsRedriven" : "ExecutionsStarted";
                case "SUCCEEDED" -> "ExecutionsSucceeded";
                case "FAILED" -> "ExecutionsFailed";
                case "ABORTED" -> "ExecutionsAborted";
                default -> "ExecutionsTimedOut";
            };
            counts.merge(metric, 1L, Long::sum);
            if (change.ended()) {
                executionTime = change.at().toEpochMilli() - change.startDate().toEpochMilli();
            }
        }
        long transitions = commit.events().stream().map(HistoryEvent::type)
                .filter(type -> type.wireName().endsWith("StateEntered")).count();
        if (transitions > 0) {
            counts.put("StateTransitions", transitions);
        }
        if (counts.isEmpty() && executionTime == null) {
            return;
        }
        ObjectNode line = Json.MAPPER.createObjectNode();
        ObjectNode directive = line.putObject("_aws").put("Timestamp", clock.millis())
                .putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add(DIMENSION);
        ArrayNode metrics = directive.putArray("Metrics");
        line.put(DIMENSION, commit.state().start.stateMachineArn());
        counts.forEach((name, value) -> {
            metrics.addObject().put("Name", name).put("Unit", "Count");
            line.put(name, value);
        });
        if (executionTime != null) {
            metrics.addObject().put("Name", "ExecutionTime").put("Unit", "Milliseconds");
            line.put("ExecutionTime", executionTime);
        }
        log.accept(Json.write(line));
    }
}
