package io.stepwise.functions.handler;

import io.stepwise.api.NestedExecutionStarts;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.functions.observe.EmfMetrics;
import io.stepwise.functions.observe.EventBridgeStatusEvents;
import io.stepwise.functions.observe.ExecutionObserver;
import io.stepwise.functions.observe.ObservedExecutionStore;
import io.stepwise.functions.Adapters;
import io.stepwise.engine.EngineLimits;
import io.stepwise.functions.logs.CloudWatchExecutionLogs;
import io.stepwise.functions.ApiComposition;
import io.stepwise.functions.Environment;
import io.stepwise.functions.queue.LambdaTaskDispatcher;
import io.stepwise.functions.queue.Messages;
import io.stepwise.functions.queue.SqsExpressLauncher;
import io.stepwise.functions.store.DynamoDbActivityQueue;
import io.stepwise.runtime.ActivityRouting;
import io.stepwise.runtime.MapRunIo;
import io.stepwise.functions.queue.SqsTaskDispatcher;
import io.stepwise.functions.queue.SqsTimerService;
import io.stepwise.functions.queue.SqsTransitionQueue;
import io.stepwise.functions.queue.Sweeps;
import io.stepwise.functions.queue.TaskChain;
import io.stepwise.functions.queue.TaskWork;
import io.stepwise.functions.queue.TimerRelay;
import io.stepwise.functions.store.DynamoDbActivityStore;
import io.stepwise.functions.store.DynamoDbExecutionStore;
import io.stepwise.functions.store.DynamoDbMapRunStore;
import io.stepwise.functions.store.DynamoDbStateMachineStore;
import io.stepwise.functions.store.DynamoDbTables;
import io.stepwise.functions.store.DynamoDbTimerStore;
import io.stepwise.functions.store.DynamoDbVersionStore;
import io.stepwise.functions.store.LargeText;
import io.stepwise.integrations.ServiceIntegrations;
import io.stepwise.integrations.http.EventBridgeConnections;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsSettings;
import io.stepwise.runtime.ExecutionLogs;
import io.stepwise.runtime.ChildExecutions;
import io.stepwise.runtime.ExpressRunner;
import io.stepwise.runtime.MapRuns;
import io.stepwise.runtime.NestedStarts;
import io.stepwise.runtime.TaskDispatcher;
import io.stepwise.runtime.TaskInvoker;
import io.stepwise.runtime.TransitionRunner;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root of the functions: the DynamoDB stores, the SQS queue, the task dispatcher (asynchronous
 * invocations of the task worker, or the task queue) and timer service around one {@link TransitionRunner}, and
 * what each worker does with its messages. Built once per Lambda container, in the handler's constructor, so
 * SnapStart snapshots it warm.
 */
public final class AwsRuntime {
    private final ExecutionStore executions;
    private final TransitionRunner runner;
    private final TaskWork taskWork;
    private final TimerRelay timerRelay;
    private final Sweeps sweeps;
    private final Clock clock;
    private final Adapters adapters;
    private final ExpressRunner expressRunner;
    private final CloudWatchExecutionLogs executionLogs;
    private final ChildExecutions children;

    /** A runtime whose commits nobody observes (no status events, no metrics). */
    public AwsRuntime(AwsConfig config, DynamoDbClient dynamo, SqsClient sqs, S3Client s3,
            IntegrationRegistry integrations, Clock clock) {
        this(config, dynamo, sqs, s3, null, integrations, MapRunIo.NONE, clock, ExecutionObserver.NONE);
    }

    /** A runtime whose commits nobody observes and that logs nothing, with Map Run items through {@code mapRunIo}. */
    public AwsRuntime(AwsConfig config, DynamoDbClient dynamo, SqsClient sqs, S3Client s3,
            IntegrationRegistry integrations, MapRunIo mapRunIo, Clock clock) {
        this(config, dynamo, sqs, s3, null, integrations, mapRunIo, clock, ExecutionObserver.NONE);
    }

    /** A runtime that logs nothing and reads no Map Run items, its commits told to {@code observer}. */
    public AwsRuntime(AwsConfig config, DynamoDbClient dynamo, SqsClient sqs, S3Client s3,
            IntegrationRegistry integrations, Clock clock, ExecutionObserver observer) {
        this(config, dynamo, sqs, s3, null, integrations, MapRunIo.NONE, clock, observer);
    }

    /** A runtime whose commits nobody observes, logging to {@code cloudWatchLogs}. */
    public AwsRuntime(AwsConfig config, DynamoDbClient dynamo, SqsClient sqs, S3Client s3,
            CloudWatchLogsClient cloudWatchLogs, IntegrationRegistry integrations, Clock clock) {
        this(config, dynamo, sqs, s3, cloudWatchLogs, integrations, MapRunIo.NONE, clock, ExecutionObserver.NONE);
    }

    /** A runtime that hands tasks to the task queue, whatever {@link AwsConfig#taskFunction}. */
    public AwsRuntime(AwsConfig config, DynamoDbClient dynamo, SqsClient sqs, S3Client s3,
            CloudWatchLogsClient cloudWatchLogs, IntegrationRegistry integrations, MapRunIo mapRunIo, Clock clock,
            ExecutionObserver observer) {
        this(config, dynamo, sqs, null, s3, cloudWatchLogs, integrations, mapRunIo, clock, observer);
    }

    /**
     * @param lambda the client that invokes {@link AwsConfig#taskFunction} with each task; {@code null}, or no task
     *     function configured, to send tasks to the task queue
     * @param s3 the client of the payload bucket, or {@code null} when none is configured
     * @param cloudWatchLogs where executions' logs go as their machines' logging configurations ask, or {@code null}
     *     to log nothing
     * @param mapRunIo where Distributed Maps read their items and write their results
     * @param observer told of every commit of a Standard execution, whichever function makes it
     */
    public AwsRuntime(AwsConfig config, DynamoDbClient dynamo, SqsClient sqs, LambdaClient lambda, S3Client s3,
            CloudWatchLogsClient cloudWatchLogs, IntegrationRegistry integrations, MapRunIo mapRunIo, Clock clock,
            ExecutionObserver observer) {
        DynamoDbTables tables = new DynamoDbTables(config.tablePrefix());
        this.clock = clock;
        this.executions = new ObservedExecutionStore(new DynamoDbExecutionStore(dynamo, tables,
                config.payloadBucket() == null || s3 == null
                        ? LargeText.inline() : LargeText.overflowingTo(s3, config.payloadBucket())), observer);
        DynamoDbTimerStore timers = new DynamoDbTimerStore(dynamo, tables);
        DynamoDbActivityQueue activityQueue = new DynamoDbActivityQueue(dynamo, tables, Clock.systemUTC());
        IntegrationRegistry routed = new ActivityRouting(activityQueue, integrations);
        SqsTransitionQueue transitions = new SqsTransitionQueue(sqs, config.transitionQueueUrl());
        TaskDispatcher queued = new SqsTaskDispatcher(sqs, config.taskQueueUrl());
        TaskDispatcher tasks = lambda == null || config.taskFunction() == null ? queued
                : new LambdaTaskDispatcher(lambda, config.taskFunction(), queued);
        TaskChain chain = new TaskChain(tasks);
        SqsTimerService timerService = new SqsTimerService(sqs, config.timerQueueUrl(), timers, clock);
        DynamoDbStateMachineStore machines = new DynamoDbStateMachineStore(dynamo, tables);
        this.executionLogs = cloudWatchLogs == null ? null
                : new CloudWatchExecutionLogs(cloudWatchLogs, machines, clock);
        ExecutionLogs logs = executionLogs == null ? ExecutionLogs.NONE : executionLogs;
        DynamoDbMapRunStore mapRuns = new DynamoDbMapRunStore(dynamo, tables);
        MapRuns mapRunRecords = new MapRuns(mapRuns);
        // Keeps its own commits: a task worker applies a sequential workflow's answers one after the other, and
        // each would otherwise read back the item it has just written (a billed consistent read and a round trip).
        this.runner = new TransitionRunner(executions, clock, chain, timerService, transitions, EngineLimits.AWS,
                logs, mapRunRecords, true);
        // A Map Run's child starts and notices are tasks too: the task function carries them out with this runner.
        children = new ChildExecutions(routed, executions, clock, mapRunRecords, mapRunIo);
        children.attach(runner);
        this.taskWork = new TaskWork(new TaskInvoker(children), runner, transitions, executions, chain);
        this.timerRelay = new TimerRelay(timerService, transitions, clock);
        this.sweeps = new Sweeps(executions, timers, tasks, transitions);
        this.expressRunner = new ExpressRunner(routed, clock, logs);
        this.adapters = new Adapters(machines,
                new DynamoDbVersionStore(dynamo, tables), executions, new DynamoDbActivityStore(dynamo, tables),
                tasks, timerService, routed, new SqsExpressLauncher(sqs, config.taskQueueUrl()), activityQueue,
                mapRuns, logs);
    }

    /** Where {@code startExecution.sync} Tasks start their children: the API's StartExecution over {@link #adapters}. */
    public void attach(NestedStarts nested) {
        children.attach(nested);
    }

    /** What the API function runs over: the same stores, queues and integrations as the workers. */
    public Adapters adapters() {
        return adapters;
    }

    /**
     * A task queue message: a task to call ({@link TaskWork}) or an asynchronous Express execution to run in memory
     * to its end ({@link SqsExpressLauncher}), which keeps no history or status, as on AWS. A task may be followed
     * by the tasks its answers' commits hand over while {@code remainingMillis} leaves room ({@link TaskWork}).
     */
    void runTaskMessage(String body, LongSupplier remainingMillis) {
        if (Messages.isExpress(body)) {
            expressRunner.run(Messages.expressStart(body), Messages.expressDefinition(body));
        } else {
            taskWork.run(body, remainingMillis);
        }
    }

    /** From the Lambda environment: clients on the URL-connection HTTP client, integrations on the AWS SDK. */
    public static AwsRuntime fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static AwsRuntime fromEnvironment(Map<String, String> env) {
        AwsConfig config = AwsConfig.from(env);
        DynamoDbClient dynamo = config.client(DynamoDbClient.builder());
        SqsClient sqs = config.client(SqsClient.builder());
        LambdaClient lambda = config.taskFunction() == null ? null : config.client(LambdaClient.builder()
                .overrideConfiguration(o -> o.retryStrategy(LambdaTaskDispatcher.retryStrategy())));
        S3Client s3 = config.payloadBucket() == null ? null : config.client(S3Client.builder());
        EventBridgeClient events = config.client(EventBridgeClient.builder());
        CloudWatchLogsClient cloudWatchLogs = config.client(CloudWatchLogsClient.builder());
        // As on Step Functions, integrations call as the state machine's role (the stack lets the workers assume it).
        AwsClients clients = new AwsClients(new AwsSettings(config.region(), config.endpoint(), Map.of(), null, null,
                true));
        ServiceIntegrations integrations = new ServiceIntegrations(clients, true, new EventBridgeConnections(clients));
        // Status events go to the account's default bus, as AWS's do; metrics are EMF lines on standard output.
        ExecutionObserver observer = ExecutionObserver.all(List.of(new EventBridgeStatusEvents(events, "default"),
                new EmfMetrics(System.out::println, Clock.systemUTC())));
        AwsRuntime runtime = new AwsRuntime(config, dynamo, sqs, lambda, s3, cloudWatchLogs, integrations,
                new MapRunIo(integrations.itemReader(), integrations.resultWriter()), Clock.systemUTC(), observer);
        if (env.get(Environment.ACCOUNT_ID) != null) {
            runtime.attach(new NestedExecutionStarts(ApiComposition.backend(runtime.adapters(), runtime.clock,
                    ApiComposition.arns(env))));
        }
        return runtime;
    }

    public ExecutionStore executions() {
        return executions;
    }

    /** The CloudWatch Logs writer of executions' logs, with its failure count; {@code null} when none is made. */
    public CloudWatchExecutionLogs executionLogs() {
        return executionLogs;
    }

    public TransitionRunner runner() {
        return runner;
    }

    TaskWork taskWork() {
        return taskWork;
    }

    TimerRelay timerRelay() {
        return timerRelay;
    }

    Sweeps sweeps() {
        return sweeps;
    }

    Clock clock() {
        return clock;
    }
}
