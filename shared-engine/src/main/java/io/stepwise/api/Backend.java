package io.stepwise.api;

import io.stepwise.engine.port.ActivityStore;
import io.stepwise.engine.port.ExecutionQueries;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.MapRunStore;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineStore;
import io.stepwise.engine.port.StateMachineVersionStore;
import io.stepwise.engine.port.TaskTokenLookup;
import io.stepwise.runtime.ActivityQueue;
import io.stepwise.runtime.ExpressLauncher;
import io.stepwise.runtime.ExpressRunner;
import io.stepwise.runtime.StandardExecutions;
import java.time.Clock;

/**
 * What the API operations run against: the stores (versions and aliases included), the durable executions (read
 * through their queries and task tokens; every change goes through the runner), the Express runner (synchronous
 * executions, in the caller's thread) and launcher (asynchronous ones), the activity queue, the clock, the ARN
 * scheme and the runtime's hook on StartExecution. The API owns no thread and no queue.
 */
public record Backend(
        StateMachineStore machines, StateMachineVersionStore versions, ExecutionQueries executions,
        TaskTokenLookup tokens, ActivityStore activities, StandardExecutions runner, ExpressRunner expressRunner,
        ExpressLauncher expressLauncher, ActivityQueue activityQueue, Clock clock, Arns arns, StartHook startHook,
        MapRunStore mapRuns) {

    /** A backend whose executions and task tokens are read from one store. */
    public Backend(StateMachineStore machines, StateMachineVersionStore versions, ExecutionStore executions,
            ActivityStore activities, StandardExecutions runner, ExpressRunner expressRunner,
            ExpressLauncher expressLauncher, ActivityQueue activityQueue, Clock clock, Arns arns,
            StartHook startHook, MapRunStore mapRuns) {
        this(machines, versions, executions, executions, activities, runner, expressRunner, expressLauncher,
                activityQueue, clock, arns, startHook, mapRuns);
    }

    /** A backend that keeps no Map Run records: the Map Run API finds none. */
    public Backend(StateMachineStore machines, StateMachineVersionStore versions, ExecutionStore executions,
            ActivityStore activities, StandardExecutions runner, ExpressRunner expressRunner,
            ExpressLauncher expressLauncher, ActivityQueue activityQueue, Clock clock, Arns arns,
            StartHook startHook) {
        this(machines, versions, executions, activities, runner, expressRunner, expressLauncher, activityQueue, clock,
                arns, startHook, null);
    }

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
