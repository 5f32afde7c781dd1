package io.stepwise.engine.port;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.state.ExecutionState;
import java.time.Instant;
import java.util.List;

/** Executions and commits the store contracts share. */
final class StoreFixtures {
    static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    static final String WAIT_DEFINITION = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}""";
    /** Two activity tasks at once: an execution that waits for both, so a sweep may dispatch them. */
    static final String TWO_TASKS_DEFINITION = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:a","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:a","End":true}}}]}}}""";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private StoreFixtures() {
    }

    static String arn(String name) {
        return MACHINE.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    static Step started(String name, Instant at) {
        ExecutionStart start = new ExecutionStart(arn(name), name, MACHINE, "m", "arn:aws:iam::123456789012:role/r",
                "us-east-1", "{\"a\":1}", at, 42);
        return new Interpreter(DefinitionParser.parse(WAIT_DEFINITION)).start(start);
    }

    /** An execution of {@link #TWO_TASKS_DEFINITION} started: its step asks for both tasks. */
    static Step startedWithTwoTasks(String name, Instant at) {
        ExecutionStart start = new ExecutionStart(arn(name), name, MACHINE, "m", "arn:aws:iam::123456789012:role/r",
                "us-east-1", "{\"a\":1}", at, 42);
        return new Interpreter(DefinitionParser.parse(TWO_TASKS_DEFINITION)).start(start);
    }

    static Step finish(ExecutionState state) {
        return new Interpreter(DefinitionParser.parse(WAIT_DEFINITION))
                .applyInPlace(state, new Trigger.StopRequested("E", "C"), T0.plusSeconds(5));
    }

    /** Reopens a stopped execution, as RedriveExecution does at {@code at}. */
    static Step redrive(ExecutionState state, Instant at) {
        return new Interpreter(DefinitionParser.parse(WAIT_DEFINITION))
                .applyInPlace(state, new Trigger.RedriveRequested(), at);
    }

    /** A commit of {@code state} and {@code events} with no side effects. */
    static Commit commit(String executionArn, long expected, ExecutionState state, List<HistoryEvent> events,
            Instant at) {
        return new Commit(executionArn, expected, state, events, List.of(), List.of(), List.of(), List.of(),
                List.of(), at);
    }

    /** A commit that changes only side effects, as a trigger that moves no state but a timer would. */
    static Commit effects(ExecutionRecord loaded, List<TaskTokenGrant> tokens, List<Timer> timers,
            List<String> cancelledTimers, List<Command.InvokeTask> tasks, List<String> settledTasks) {
        return new Commit(loaded.executionArn(), loaded.version(), loaded.state(), List.of(), tokens, timers,
                cancelledTimers, tasks, settledTasks, T0);
    }
}
