package io.stepwise.functions.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.Timer;
import io.stepwise.query.Json;
import io.stepwise.runtime.Delivery;
import java.time.Instant;

/**
 * The JSON bodies of Stepwise's SQS messages: deliveries on the transition queue, tasks on the task queue, timers
 * on the timer queue. Each carries a {@code formatVersion}, so a queue drained across an upgrade is read right.
 */
public final class Messages {
    static final int FORMAT_VERSION = 1;
    private static final String EXPRESS = "express";
    /** Leaves out null components: Jackson would read a JSON {@code null} back as {@code NullNode}. */
    private static final ObjectMapper WITHOUT_NULLS = Json.MAPPER.copy()
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private Messages() {
    }

    public static String delivery(Delivery delivery) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("formatVersion", FORMAT_VERSION);
        body.put("executionArn", delivery.executionArn());
        body.set("trigger", trigger(delivery.trigger()));
        if (delivery.firedTimer() != null) {
            body.set("firedTimer", timerNode(delivery.firedTimer()));
        }
        return body.toString();
    }

    public static Delivery delivery(String text) {
        JsonNode body = read(text);
        Timer fired = body.has("firedTimer") ? timer(body.get("firedTimer")) : null;
        return new Delivery(body.get("executionArn").textValue(), trigger(body.get("trigger")), fired);
    }

    public static String task(String executionArn, Command.InvokeTask task) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("formatVersion", FORMAT_VERSION);
        body.put("executionArn", executionArn);
        body.set("task", WITHOUT_NULLS.valueToTree(task));
        return body.toString();
    }

    /** The execution ARN of a task message. */
    public static String taskExecution(String text) {
        return read(text).get("executionArn").textValue();
    }

    public static Command.InvokeTask task(String text) {
        try {
            return Json.MAPPER.treeToValue(read(text).get("task"), Command.InvokeTask.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a task message", e);
        }
    }

    /**
     * An asynchronous Express execution to run, on the task queue: StartExecution on an Express state machine hands
     * it over (the API function's threads freeze once it answers) and the task worker runs it in memory.
     */
    public static String express(ExecutionStart start, String definition) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("formatVersion", FORMAT_VERSION);
        body.put("kind", EXPRESS);
        ObjectNode node = body.putObject("start");
        node.put("executionArn", start.executionArn()).put("name", start.name())
                .put("stateMachineArn", start.stateMachineArn()).put("stateMachineName", start.stateMachineName())
                .put("roleArn", start.roleArn()).put("region", start.region()).put("inputText", start.inputText())
                .put("startTime", start.startTime().toEpochMilli()).put("seed", start.seed())
                .put("tokenKey", start.tokenKey());
        body.put("definition", definition);
        return body.toString();
    }

    /** Whether a task queue message is an Express execution ({@link #express}) rather than a task. */
    public static boolean isExpress(String text) {
        return EXPRESS.equals(read(text).path("kind").textValue());
    }

    public static ExecutionStart expressStart(String text) {
        JsonNode node = read(text).get("start");
        return new ExecutionStart(text(node, "executionArn"), text(node, "name"), text(node, "stateMachineArn"),
                text(node, "stateMachineName"), text(node, "roleArn"), text(node, "region"), text(node, "inputText"),
                Instant.ofEpochMilli(node.get("startTime").longValue()), node.get("seed").longValue(),
                text(node, "tokenKey"));
    }

    public static String expressDefinition(String text) {
        return read(text).get("definition").textValue();
    }

    public static String timer(Timer timer) {
        ObjectNode body = timerNode(timer);
        body.put("formatVersion", FORMAT_VERSION);
        return body.toString();
    }

    public static Timer timer(String text) {
        return timer(read(text));
    }

    private static ObjectNode timerNode(Timer timer) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("executionArn", timer.executionArn());
        node.put("ref", timer.ref());
        node.put("dueAt", timer.dueAt().toEpochMilli());
        return node;
    }

    private static Timer timer(JsonNode node) {
        return new Timer(node.get("executionArn").textValue(), node.get("ref").textValue(),
                Instant.ofEpochMilli(node.get("dueAt").longValue()));
    }

    /** The one place a trigger becomes JSON; {@code MessagesTest} covers every permitted subtype. */
    static ObjectNode trigger(Trigger trigger) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", trigger.getClass().getSimpleName());
        if (trigger instanceof Trigger.TaskStarted started) {
            node.put("ref", started.ref()).put("workerName", started.workerName());
        } else if (trigger instanceof Trigger.TaskSubmitted submitted) {
            node.put("ref", submitted.ref()).set("output", submitted.output());
        } else if (trigger instanceof Trigger.TaskSucceeded succeeded) {
            node.put("ref", succeeded.ref()).set("output", succeeded.output());
        } else if (trigger instanceof Trigger.ChildFinished child) {
            node.put("ref", child.ref()).put("index", child.index()).put("status", child.status().name())
                    .put("error", child.error()).put("cause", child.cause());
        } else if (trigger instanceof Trigger.MapRunUpdated update) {
            node.put("mapRunArn", update.mapRunArn());
            node.set("maxConcurrency", Json.MAPPER.valueToTree(update.maxConcurrency()));
            node.set("toleratedFailurePercentage", Json.MAPPER.valueToTree(update.toleratedFailurePercentage()));
            node.set("toleratedFailureCount", Json.MAPPER.valueToTree(update.toleratedFailureCount()));
        } else if (trigger instanceof Trigger.TaskFailed failed) {
            node.put("ref", failed.ref()).put("error", failed.error()).put("cause", failed.cause());
        } else if (trigger instanceof Trigger.TaskHeartbeat heartbeat) {
            node.put("ref", heartbeat.ref());
        } else if (trigger instanceof Trigger.TimerFired fired) {
            node.put("ref", fired.ref());
        } else if (trigger instanceof Trigger.StopRequested stop) {
            node.put("error", stop.error()).put("cause", stop.cause());
        } else if (!(trigger instanceof Trigger.RedriveRequested)) {
            throw new IllegalStateException("unhandled trigger " + trigger);
        }
        return node;
    }

    static Trigger trigger(JsonNode node) {
        String ref = text(node, "ref");
        return switch (node.get("type").textValue()) {
            case "TaskStarted" -> new Trigger.TaskStarted(ref, text(node, "workerName"));
            case "TaskSubmitted" -> new Trigger.TaskSubmitted(ref, node.get("output"));
            case "TaskSucceeded" -> new Trigger.TaskSucceeded(ref, node.get("output"));
            case "ChildFinished" -> new Trigger.ChildFinished(ref, node.get("index").intValue(),
                    ExecutionStatus.valueOf(text(node, "status")), text(node, "error"), text(node, "cause"));
            case "MapRunUpdated" -> new Trigger.MapRunUpdated(text(node, "mapRunArn"),
                    node.get("maxConcurrency").isNull() ? null : node.get("maxConcurrency").intValue(),
                    node.get("toleratedFailurePercentage").isNull() ? null
                            : node.get("toleratedFailurePercentage").doubleValue(),
                    node.get("toleratedFailureCount").isNull() ? null : node.get("toleratedFailureCount").longValue());
            case "TaskFailed" -> new Trigger.TaskFailed(ref, text(node, "error"), text(node, "cause"));
            case "TaskHeartbeat" -> new Trigger.TaskHeartbeat(ref);
            case "TimerFired" -> new Trigger.TimerFired(ref);
            case "StopRequested" -> new Trigger.StopRequested(text(node, "error"), text(node, "cause"));
            case "RedriveRequested" -> new Trigger.RedriveRequested();
            default -> throw new IllegalArgumentException("unknown trigger type " + node.get("type"));
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.textValue();
    }

    private static JsonNode read(String text) {
        JsonNode body = Json.parse(text);
        int version = body.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("message format version " + version + ", this Stepwise reads "
                    + FORMAT_VERSION);
        }
        return body;
    }
}
