package io.stepwise.functions;

import io.stepwise.engine.port.ActivityStore;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.MapRunStore;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.StateMachineStore;
import io.stepwise.engine.port.StateMachineVersionStore;
import io.stepwise.runtime.ActivityQueue;
import io.stepwise.runtime.ExecutionLogs;
import io.stepwise.runtime.ExpressLauncher;
import io.stepwise.runtime.TaskDispatcher;
import io.stepwise.runtime.TimerService;

/**
 * The adapters one function runs over: on AWS DynamoDB stores, the SQS task and timer queues and the service
 * integrations; in tests in-memory ones. Built by an {@link AdapterFactory}, so that the handlers' composition
 * root is the same whatever the adapters are.
 *
 * @param integrations what Express executions run in the handler (StartSyncExecution) and TestState call
 * @param expressLauncher where asynchronous Express executions are handed over: never a thread of the API
 *     function, which freezes once the response is sent
 * @param activityQueue where activity tasks wait for GetActivityTask
 * @param mapRuns the Map Run records the Map Run API reads, or {@code null} for none
 * @param logs where the history of executions goes as their machines' logging configurations ask (CloudWatch Logs
 *     on AWS), also for the steps the API function runs itself (the first of StartExecution, StartSyncExecution)
 */
public record Adapters(
        StateMachineStore machines, StateMachineVersionStore versions, ExecutionStore executions,
        ActivityStore activities, TaskDispatcher tasks, TimerService timers, IntegrationRegistry integrations,
        ExpressLauncher expressLauncher, ActivityQueue activityQueue, MapRunStore mapRuns, ExecutionLogs logs) {

    /** Adapters that log no execution. */
    public Adapters(StateMachineStore machines, StateMachineVersionStore versions, ExecutionStore executions,
            ActivityStore activities, TaskDispatcher tasks, TimerService timers, IntegrationRegistry integrations,
            ExpressLauncher expressLauncher, ActivityQueue activityQueue, MapRunStore mapRuns) {
        this(machines, versions, executions, activities, tasks, timers, integrations, expressLauncher, activityQueue,
                mapRuns, ExecutionLogs.NONE);
    }

    /** Adapters without Map Run records (the Map Run API then finds none) that log no execution. */
    public Adapters(StateMachineStore machines, StateMachineVersionStore versions, ExecutionStore executions,
            ActivityStore activities, TaskDispatcher tasks, TimerService timers, IntegrationRegistry integrations,
            ExpressLauncher expressLauncher, ActivityQueue activityQueue) {
        this(machines, versions, executions, activities, tasks, timers, integrations, expressLauncher, activityQueue,
                null, ExecutionLogs.NONE);
    }
}
