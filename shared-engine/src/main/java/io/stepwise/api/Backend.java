package io.stepwise.api;

import io.stepwise.engine.port.ActivityStore;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineStore;
import io.stepwise.engine.port.StateMachineVersionStore;
import io.stepwise.runtime.ActivityTasks;
import io.stepwise.runtime.InMemoryRunner;
import io.stepwise.runtime.TransitionRunner;
import java.time.Clock;

/**
 * What the API operations run against: the stores (versions and aliases included), the durable runner, the in-memory runner for synchronous
 * Express executions, the activity task queues, the clock, the ARN scheme and the mock configuration's test cases.
 */
public record Backend(
        StateMachineStore machines, StateMachineVersionStore versions, ExecutionStore executions, ActivityStore activities, TransitionRunner runner,
        InMemoryRunner expressRunner, ActivityTasks activityTasks, Clock clock, Arns arns, TestCases testCases) {

    StateMachineRecord machine(String arn) {
        return machines.find(Arns.requireStateMachine(arn)).orElseThrow(() -> ApiException.of(
                "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'"));
    }

    /** A stored execution; Express executions are never stored, and AWS refuses their ARNs here. */
    ExecutionRecord execution(String arn) {
        Arns.machineNameOfExecution(arn);
        if (Arns.isExpressExecution(arn)) {
            throw ApiException.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'");
        }
        return executions.load(arn).orElseThrow(() -> ApiException.of(
                "ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"));
    }
}
