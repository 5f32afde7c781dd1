package io.stepwise.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Stepwise in one AWS account: an HTTP API (or, chosen in {@link StepwiseOptions#api()}, a REST API) with IAM
 * authorisation on every method in front of the API function; the
 * transition worker, fed by the FIFO transition queue (one message group per execution); the timer worker, fed by
 * the timer queue (SQS delays), which relays due timers to the transition queue; the task worker, invoked
 * asynchronously with each task (the task queue when an invocation cannot be made), which calls integrations as
 * each state machine's role, and fed by the task queue, which also carries asynchronous Express executions; the sweep
 * worker, every minute; DynamoDB tables and queues named and shaped as module {@code functions} creates them
 * ({@code functions/TABLES.md}), the S3 bucket for payloads too large for an item; alarms on dead letters, function
 * errors and throttles. Each function's role holds only what that function uses.
 */
public final class StepwiseStack extends Stack {
    static final String API_HANDLER = "io.stepwise.functions.ApiHandler";
    static final String TRANSITION_WORKER = "io.stepwise.functions.handler.TransitionWorker";
    static final String TASK_WORKER = "io.stepwise.functions.handler.TaskWorker";
    static final String TIMER_WORKER = "io.stepwise.functions.handler.TimerWorker";
    static final String SWEEP_WORKER = "io.stepwise.functions.handler.SweepWorker";
    /** The environment the functions read ({@code io.stepwise.functions.Environment}; the test pins the two). */
    static final String TABLE_PREFIX = "STEPWISE_TABLE_PREFIX";
    static final String TRANSITION_QUEUE_URL = "STEPWISE_TRANSITION_QUEUE_URL";
    static final String TASK_QUEUE_URL = "STEPWISE_TASK_QUEUE_URL";
    static final String TASK_FUNCTION = "STEPWISE_TASK_FUNCTION";
    static final String TIMER_QUEUE_URL = "STEPWISE_TIMER_QUEUE_URL";
    static final String PAYLOAD_BUCKET = "STEPWISE_PAYLOAD_BUCKET";
    static final String ACCOUNT_ID = "STEPWISE_ACCOUNT_ID";
    /** The REST API's binary media types (the test pins them to {@code ApiHandler.BINARY_MEDIA_TYPES}). */
    static final List<String> BINARY_MEDIA_TYPES = List.of("*/*");
    /** API Gateway gives up on a REST integration after 29 seconds. */
    private static final Duration API_TIMEOUT = Duration.seconds(29);
    private static final Duration TRANSITION_TIMEOUT = Duration.seconds(60);
    private static final Duration TIMER_TIMEOUT = Duration.seconds(60);
    private static final Duration SWEEP_TIMEOUT = Duration.seconds(60);
    /** A task may wait as long as a synchronous Lambda invocation lasts; an Express execution lasts 5 minutes. */
    private static final Duration TASK_TIMEOUT = Duration.minutes(15);
    /** Lambda's longest: a task event throttled that long is in the dead-letter queue, and the sweep's anyway. */
    static final Duration TASK_EVENT_MAX_AGE = Duration.hours(6);
    /** Lambda's asynchronous retries of a failed task invocation (its most), before the dead-letter queue. */
    static final int TASK_EVENT_RETRIES = 2;

    final String prefix;
    final StepwiseTables tables;
    final WorkQueue transitions;
    final WorkQueue tasks;
    final WorkQueue timers;
    final Bucket payloads;
    final StepwiseFunction api;
    final StepwiseFunction transitionWorker;
    final StepwiseFunction taskWorker;
    final StepwiseFunction timerWorker;
    final StepwiseFunction sweepWorker;
    /** The task worker's alias ARN, which the functions that dispatch tasks invoke asynchronously. */
    final String taskFunctionArn;
    /** The REST API, or {@code null} behind an HTTP API. */
    final RestApi restApi;
    /** The HTTP API, or {@code null} behind a REST API. */
    final HttpApi httpApi;

    public StepwiseStack(Construct scope, String id, StackProps props, StepwiseOptions options) {
        super(scope, id, props);
        // Tables and queues are named <stack name>-<table>, as the functions' DynamoDbTables and SqsQueues name them.
        prefix = getStackName() + "-";
        Encryption encryption = new Encryption(options.kmsKeyArn() == null ? null
                : Key.fromKeyArn(this, "CustomerKey", options.kmsKeyArn()));
        tables = new StepwiseTables(this, "Tables", encryption, prefix);
        // SQS recommends a visibility timeout of six times the reading function's timeout.
        transitions = new WorkQueue(this, "Transitions", prefix + "transitions", encryption, true,
                sixTimes(TRANSITION_TIMEOUT));
        timers = new WorkQueue(this, "Timers", prefix + "timers", encryption, false, sixTimes(TIMER_TIMEOUT));
        tasks = new WorkQueue(this, "Tasks", prefix + "tasks", encryption, false, sixTimes(TASK_TIMEOUT),
                "task events Lambda gave up on after its retries");
        payloads = payloadBucket(encryption);

        Map<String, String> environment = environment();
        // The task worker is named, and its alias ARN spelt out rather than referenced: the task worker dispatches
        // tasks too, and its own environment or role referring to its alias (which refers to its version, which
        // refers to the function and its role) would be a circular dependency.
        String taskWorkerName = taskWorkerName();
        taskFunctionArn = "arn:" + Aws.PARTITION + ":lambda:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":function:"
                + taskWorkerName + ":" + StepwiseFunction.ALIAS;
        Map<String, String> dispatching = new LinkedHashMap<>(environment);
        dispatching.put(TASK_FUNCTION, taskFunctionArn);
        Code code = Code.fromAsset(options.functionsJar());
        api = new StepwiseFunction(this, "Api", code, API_HANDLER, 1024, API_TIMEOUT, dispatching);
        transitionWorker = new StepwiseFunction(this, "TransitionWorker", code, TRANSITION_WORKER,
                options.workerMemoryMb(), TRANSITION_TIMEOUT, dispatching);
        taskWorker = new StepwiseFunction(this, "TaskWorker", taskWorkerName, code, TASK_WORKER,
                options.workerMemoryMb(), TASK_TIMEOUT, dispatching);
        // The timer worker relays timers to the transition queue and dispatches no task.
        timerWorker = new StepwiseFunction(this, "TimerWorker", code, TIMER_WORKER, 512, TIMER_TIMEOUT,
                environment);
        sweepWorker = new StepwiseFunction(this, "SweepWorker", code, SWEEP_WORKER, 512, SWEEP_TIMEOUT,
                dispatching);

        grantApi(encryption);
        grantTransitionWorker(encryption);
        grantStatusEvents(List.of(api, transitionWorker, taskWorker));
        grantTaskWorker(encryption);
        for (StepwiseFunction runsSteps : List.of(api, transitionWorker, taskWorker)) {
            grantExecutionLogs(runsSteps, options.logGroupPrefix());
        }
        grantTimerWorker(encryption);
        grantSweepWorker(encryption);
        asynchronousTasks();
        restApi = options.api() == ApiKind.REST ? restApi() : null;
        httpApi = options.api() == ApiKind.HTTP ? httpApi() : null;
        sweepRule();

        CfnOutput.Builder.create(this, "ApiUrl").value(restApi != null ? restApi.getUrl() : httpApi.getApiEndpoint())
                .description("The Step Functions endpoint: pass it as --endpoint-url or endpointOverride").build();
        CfnOutput.Builder.create(this, "WorkerRoleArn").value(taskWorker.function.getRole().getRoleArn())
                .description("State machine roles must trust this role: integrations run as the state machine's"
                        + " role, assumed by the task worker").build();
        CfnOutput.Builder.create(this, "ApiRoleArn").value(api.function.getRole().getRoleArn())
                .description("State machine roles run by StartSyncExecution or TestState must trust this role"
                        + " too: those run their integrations in the API function").build();
        if (options.alarmTopicArn() != null) {
            notifyAlarms(Topic.fromTopicArn(this, "AlarmTopic", options.alarmTopicArn()));
        }
    }

    /** Every alarm of the stack, whichever construct made it, tells the operators' topic when it fires. */
    private void notifyAlarms(ITopic topic) {
        SnsAction action = new SnsAction(topic);
        getNode().findAll().stream().filter(Alarm.class::isInstance).map(Alarm.class::cast)
                .forEach(alarm -> alarm.addAlarmAction(action));
    }

    private static Duration sixTimes(Duration timeout) {
        return Duration.seconds(timeout.toSeconds().intValue() * 6);
    }

    /**
     * What every function gets; the names are {@code io.stepwise.functions.Environment.SET_BY_STACK}, but
     * {@value #TASK_FUNCTION}, which only the functions that dispatch tasks get.
     */
    private Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(TABLE_PREFIX, prefix);
        environment.put(TRANSITION_QUEUE_URL, transitions.queue.getQueueUrl());
        environment.put(TASK_QUEUE_URL, tasks.queue.getQueueUrl());
        environment.put(TIMER_QUEUE_URL, timers.queue.getQueueUrl());
        environment.put(PAYLOAD_BUCKET, payloads.getBucketName());
        environment.put(ACCOUNT_ID, Aws.ACCOUNT_ID);
        return environment;
    }

    /**
     * {@code <stack>-task-worker}, like the queues and tables; a stack name too long for Lambda's 64 characters gets
     * CDK's unique name of the construct instead.
     */
    private String taskWorkerName() {
        String name = prefix + "task-worker";
        return name.length() <= 64 ? name : Names.uniqueResourceName(this,
                UniqueResourceNameOptions.builder().maxLength(64).build());
    }

    /**
     * The functions that dispatch tasks (the API starting executions, the transition and task workers committing
     * steps, the sweep dispatching again) invoke the task worker's alias asynchronously, and that alone; a task event
     * that fails {@value #TASK_EVENT_RETRIES} retries or outlives {@link #TASK_EVENT_MAX_AGE} goes to the task
     * queue's dead-letter queue, whose alarm watches it (the task is still in its execution's outbox, so the sweep
     * dispatches it again when its claim runs out).
     */
    private void asynchronousTasks() {
        for (StepwiseFunction dispatcher : List.of(api, transitionWorker, taskWorker, sweepWorker)) {
            dispatcher.function.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("lambda:InvokeFunction")).resources(List.of(taskFunctionArn)).build());
        }
        taskWorker.alias.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(TASK_EVENT_RETRIES)
                .maxEventAge(TASK_EVENT_MAX_AGE)
                .onFailure(new SqsDestination(tasks.deadLetters))
                .build());
    }

    private Bucket payloadBucket(Encryption encryption) {
        Bucket.Builder bucket = Bucket.Builder.create(this, "Payloads")
                .encryption(encryption.bucket())
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .removalPolicy(RemovalPolicy.RETAIN);
        if (encryption.key() != null) {
            bucket.encryptionKey(encryption.key()).bucketKeyEnabled(true);
        }
        return bucket.build();
    }

    /**
     * The API reads and writes every table, hands tasks, timers and asynchronous Express executions to their queues,
     * and runs StartSyncExecution and TestState itself, as the state machine's role.
     */
    private void grantApi(Encryption encryption) {
        tables.grantItemAccess(api.function);
        tasks.queue.grantSendMessages(api.function);
        timers.queue.grantSendMessages(api.function);
        grantAssumeRole(api);
        grantPayloads(api);
        grantKey(api, encryption);
    }

    /**
     * The transition worker applies deliveries and commits an execution's step (the execution tables), opens and
     * closes the Map Run records its commits start and stop, hands on its tasks and timers, and a step cut at its
     * budget continues through the transition queue.
     */
    private void grantTransitionWorker(Encryption encryption) {
        List<String> stepTables = new java.util.ArrayList<>(StepwiseTables.EXECUTION_TABLES);
        stepTables.add(StepwiseTables.MAP_RUNS);
        tables.grantItemAccess(transitionWorker.function, stepTables);
        consume(transitionWorker, transitions, 10);
        for (WorkQueue queue : List.of(transitions, tasks, timers)) {
            queue.queue.grantSendMessages(transitionWorker.function);
        }
        grantPayloads(transitionWorker);
        grantKey(transitionWorker, encryption);
    }

    /**
     * The task worker calls integrations as each state machine's role (assumed through STS, so the roles' trust
     * policies decide which it may use), applies the answer to the execution itself (on the transition queue when
     * another step committed first) and holds a callback task's claim in its execution item (in the outbox table for
     * an execution begun before the outbox moved into the item) until it is settled; it runs asynchronous Express executions in memory. It also carries out a Distributed Map's
     * child-execution commands, starting children and delivering their ends to the parent through the same runner
     * as the transition worker, so it needs that worker's tables and queues, and the Map Runs; and it starts the
     * children of {@code startExecution.sync} Tasks as StartExecution does, reading their state machines and
     * versions and recording which version a child runs; an Activity state's task it puts in the activity table,
     * where the API's GetActivityTask takes it.
     */
    private void grantTaskWorker(Encryption encryption) {
        consume(taskWorker, tasks, 1);
        for (WorkQueue queue : List.of(transitions, tasks, timers)) {
            queue.queue.grantSendMessages(taskWorker.function);
        }
        List<String> childTables = new java.util.ArrayList<>(StepwiseTables.EXECUTION_TABLES);
        childTables.add(StepwiseTables.MAP_RUNS);
        childTables.add(StepwiseTables.STATE_MACHINES);
        childTables.add(StepwiseTables.VERSIONS);
        tables.grantItemAccess(taskWorker.function, childTables);
        tables.grant(taskWorker.function, List.of(StepwiseTables.ACTIVITY_TASKS), List.of("dynamodb:PutItem"));
        grantAssumeRole(taskWorker);
        grantPayloads(taskWorker);
        grantKey(taskWorker, encryption);
    }

    /** The timer worker sends a timer not due yet back to its queue, delayed, and a due one's fire on. */
    private void grantTimerWorker(Encryption encryption) {
        consume(timerWorker, timers, 10);
        timers.queue.grantSendMessages(timerWorker.function);
        transitions.queue.grantSendMessages(timerWorker.function);
        grantKey(timerWorker, encryption);
    }

    /**
     * The sweep claims tasks never answered and dispatches them again, and fires stored due timers. It finds the
     * executions with tasks whose claim may have run out through the executions table's sweep index, reads each
     * (its state may be in the payload bucket) and updates the claims it takes and the execution's sweep time. The
     * outbox table holds the tasks of executions begun before the outbox moved into the execution item: it claims
     * those, and deletes one its execution no longer waits for.
     */
    private void grantSweepWorker(Encryption encryption) {
        tables.grant(sweepWorker.function, List.of(StepwiseTables.OUTBOX),
                List.of("dynamodb:Scan", "dynamodb:UpdateItem", "dynamodb:DeleteItem"));
        tables.grant(sweepWorker.function, List.of(StepwiseTables.EXECUTIONS),
                List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"));
        sweepWorker.function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject")).resources(List.of(payloads.arnForObjects("payloads/*"))).build());
        tables.grant(sweepWorker.function, List.of(StepwiseTables.TIMERS), List.of("dynamodb:Scan"));
        tasks.queue.grantSendMessages(sweepWorker.function);
        transitions.queue.grantSendMessages(sweepWorker.function);
        grantKey(sweepWorker, encryption);
    }

    /**
     * The functions that commit executions (the API starting and stopping them, the transition worker advancing
     * them, the task worker applying the answers of the tasks it called) put "Step Functions Execution Status
     * Change" events on the account's default bus, as AWS does.
     */
    private void grantStatusEvents(List<StepwiseFunction> committers) {
        IEventBus bus = EventBus.fromEventBusName(this, "DefaultBus", "default");
        for (StepwiseFunction function : committers) {
            bus.grantPutEventsTo(function.function);
        }
    }

    private static void consume(StepwiseFunction function, WorkQueue queue, int batchSize) {
        function.alias.addEventSource(SqsEventSource.Builder.create(queue.queue)
                .batchSize(batchSize).reportBatchItemFailures(true).build());
    }

    private void grantAssumeRole(StepwiseFunction function) {
        function.function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("sts:AssumeRole"))
                .resources(List.of("arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID + ":role/*"))
                .build());
    }

    /**
     * The functions that run steps (the API its first ones and synchronous Express executions, the transition worker
     * the rest, the task worker asynchronous Express executions) write execution logs to the log group a machine's
     * logging configuration names: known only at run time, so any group under the prefix; a group elsewhere is
     * refused by IAM, and the functions count and log the failed delivery without failing the execution.
     */
    private void grantExecutionLogs(StepwiseFunction function, String logGroupPrefix) {
        function.function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of("arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                        + ":log-group:" + logGroupPrefix + "*"))
                .build());
    }

    private void grantPayloads(StepwiseFunction function) {
        function.function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject", "s3:PutObject"))
                .resources(List.of(payloads.arnForObjects("payloads/*")))
                .build());
    }

    private static void grantKey(StepwiseFunction function, Encryption encryption) {
        if (encryption.key() != null) {
            encryption.key().grantEncryptDecrypt(function.function);
        }
    }

    /**
     * {@code POST /} only, as the AWS JSON 1.0 protocol uses; SigV4-signed for service {@code execute-api}. Every
     * media type is binary, so API Gateway hands the function each request body base64-encoded, byte for byte, and
     * the function checks its UTF-8 as AWS does (as text, bytes that are not UTF-8 would reach it replaced).
     */
    private RestApi restApi() {
        RestApi rest = RestApi.Builder.create(this, "RestApi")
                .restApiName(getStackName())
                .description("The Step Functions API of Stepwise (AWS JSON 1.0, IAM-authorised)")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .binaryMediaTypes(BINARY_MEDIA_TYPES)
                .cloudWatchRole(false)
                .defaultMethodOptions(MethodOptions.builder().authorizationType(AuthorizationType.IAM).build())
                .build();
        rest.getRoot().addMethod("POST", LambdaIntegration.Builder.create(api.alias).proxy(true).build());
        return rest;
    }

    /**
     * The cheaper option: {@code POST /} on the default stage, IAM-authorised, the API function's alias invoked with
     * payload format 1.0, the REST API's proxy event, so one handler serves both.
     */
    private HttpApi httpApi() {
        HttpApi http = HttpApi.Builder.create(this, "HttpApi")
                .apiName(getStackName())
                .description("The Step Functions API of Stepwise (AWS JSON 1.0, IAM-authorised)")
                .build();
        http.addRoutes(AddRoutesOptions.builder()
                .path("/")
                .methods(List.of(HttpMethod.POST))
                .authorizer(new HttpIamAuthorizer())
                .integration(HttpLambdaIntegration.Builder.create("ApiIntegration", api.alias)
                        .payloadFormatVersion(PayloadFormatVersion.VERSION_1_0).build())
                .build());
        return http;
    }

    /**
     * Every minute the sweep worker dispatches again the tasks whose answer never came and fires the stored timers
     * that are due, in case a message was lost (a crash between commit and hand-over).
     */
    private void sweepRule() {
        Rule.Builder.create(this, "Sweep")
                .description("Stepwise: re-dispatch unanswered tasks and fire due timers whose message was lost")
                .schedule(Schedule.rate(Duration.minutes(1)))
                .targets(List.of(LambdaFunction.Builder.create(sweepWorker.alias)
                        .event(RuleTargetInput.fromObject(Map.of("stepwise", "sweep")))
                        .retryAttempts(2).build()))
                .build();
    }
}
