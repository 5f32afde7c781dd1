package io.stepwise.engine.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A task a branch has scheduled and waits for. */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public final class PendingTask {
    public String ref;
    public String resource;
    public JsonNode effectiveInput;
    public String token;
    public Integer heartbeatSeconds;
    public String timeoutTimer;
    public String heartbeatTimer;
    /** Whether the task's start was recorded; an activity handed out twice starts once. */
    public boolean started;
    /** The execution a {@code startExecution.sync} task started, once submitted; stopped when the task is. */
    public String child;
}
