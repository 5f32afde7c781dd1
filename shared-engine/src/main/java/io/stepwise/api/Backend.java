package io.stepwise.api;

import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineStore;
import io.stepwise.runtime.InMemoryRunner;
import io.stepwise.runtime.TransitionRunner;
import java.time.Clock;

/**
 * What the API operations run against: the stores, the durable runner, the in-memory runner for synchronous
 * Express executions, the clock and the ARN scheme.
 */
public record Backend(
        StateMachineStore machines, ExecutionStore executions, TransitionRunner runner, InMemoryRunner expressRunner,
        Clock clock, Arns arns) {

    StateMachineRecord machine(String arn) {
        return machines.find(Arns.requireStateMachine(arn)).orElseThrow(() -> ApiException.of(
                "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'"));
    }

    ExecutionRecord execution(String arn) {
        Arns.machineNameOfExecution(arn);
        return executions.load(arn).orElseThrow(() -> ApiException.of(
                "ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"));
    }
}
