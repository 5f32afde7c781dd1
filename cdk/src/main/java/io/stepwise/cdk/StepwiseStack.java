package io.stepwise.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Stepwise in one AWS account: a REST API with {@code AWS_IAM} on every method in front of the API function; the
 * transition worker, fed by the FIFO transition queue (one message group per execution) and the timer queue
 * (SQS delays); the task worker, fed by the task queue, which calls integrations as each state machine's role and
 * runs asynchronous Express executions; DynamoDB tables, the S3 bucket for payloads too large for an item; alarms
 * on dead letters, function errors and throttles. Each function's role holds only what that function uses.
 */
public final class StepwiseStack extends Stack {
    static final String API_HANDLER = "io.stepwise.functions.ApiHandler";
    static final String TRANSITION_WORKER = "io.stepwise.functions.TransitionWorker";
    static final String TASK_WORKER = "io.stepwise.functions.TaskWorker";
    /** API Gateway gives up on a REST integration after 29 seconds. */
    private static final Duration API_TIMEOUT = Duration.seconds(29);
    private static final Duration TRANSITION_TIMEOUT = Duration.seconds(60);
    /** A task may wait as long as a synchronous Lambda invocation lasts; an Express execution lasts 5 minutes. */
    private static final Duration TASK_TIMEOUT = Duration.minutes(15);

    final StepwiseTables tables;
    final WorkQueue transitions;
    final WorkQueue tasks;
    final WorkQueue timers;
    final Bucket payloads;
    final StepwiseFunction api;
    final StepwiseFunction transitionWorker;
    final StepwiseFunction taskWorker;
    final RestApi restApi;

    public StepwiseStack(Construct scope, String id, StackProps props, StepwiseOptions options) {
        super(scope, id, props);
        Encryption encryption = new Encryption(options.kmsKeyArn() == null ? null
                : Key.fromKeyArn(this, "CustomerKey", options.kmsKeyArn()));
        tables = new StepwiseTables(this, "Tables", encryption);
        // SQS recommends a visibility timeout of six times the reading function's timeout.
        transitions = new WorkQueue(this, "Transitions", encryption, true, sixTimes(TRANSITION_TIMEOUT));
        timers = new WorkQueue(this, "Timers", encryption, false, sixTimes(TRANSITION_TIMEOUT));
        tasks = new WorkQueue(this, "Tasks", encryption, false, sixTimes(TASK_TIMEOUT));
        payloads = payloadBucket(encryption);

        Map<String, String> environment = environment();
        Code code = Code.fromAsset(options.functionsJar());
        api = new StepwiseFunction(this, "Api", code, API_HANDLER, 1024, API_TIMEOUT, environment);
        transitionWorker = new StepwiseFunction(this, "TransitionWorker", code, TRANSITION_WORKER, 1024,
                TRANSITION_TIMEOUT, environment);
        taskWorker = new StepwiseFunction(this, "TaskWorker", code, TASK_WORKER, 1024, TASK_TIMEOUT, environment);

        grantApi(encryption);
        grantTransitionWorker(encryption);
        grantTaskWorker(encryption);
        restApi = restApi();
        sweepRule();

        CfnOutput.Builder.create(this, "ApiUrl").value(restApi.getUrl())
                .description("The Step Functions endpoint: pass it as --endpoint-url or endpointOverride").build();
        CfnOutput.Builder.create(this, "WorkerRoleArn").value(taskWorker.function.getRole().getRoleArn())
                .description("State machine roles must trust this role: integrations run as the state machine's"
                        + " role, assumed by the task worker").build();
    }

    private static Duration sixTimes(Duration timeout) {
        return Duration.seconds(timeout.toSeconds().intValue() * 6);
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(tables.environment());
        environment.put("STEPWISE_TRANSITION_QUEUE_URL", transitions.queue.getQueueUrl());
        environment.put("STEPWISE_TASK_QUEUE_URL", tasks.queue.getQueueUrl());
        environment.put("STEPWISE_TIMER_QUEUE_URL", timers.queue.getQueueUrl());
        environment.put("STEPWISE_PAYLOAD_BUCKET", payloads.getBucketName());
        environment.put("STEPWISE_ACCOUNT_ID", Aws.ACCOUNT_ID);
        return environment;
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

    /** The API stores and reads executions, and enqueues what a request sets going (starts, callbacks, stops). */
    private void grantApi(Encryption encryption) {
        tables.grantItemAccess(api.function);
        for (WorkQueue queue : List.of(transitions, tasks, timers)) {
            queue.queue.grantSendMessages(api.function);
        }
        grantPayloads(api, encryption);
    }

    /** The transition worker applies deliveries, commits, and hands on tasks, timers and status-change events. */
    private void grantTransitionWorker(Encryption encryption) {
        tables.grantItemAccess(transitionWorker.function);
        transitionWorker.alias.addEventSource(SqsEventSource.Builder.create(transitions.queue)
                .batchSize(10).reportBatchItemFailures(true).build());
        transitionWorker.alias.addEventSource(SqsEventSource.Builder.create(timers.queue)
                .batchSize(10).reportBatchItemFailures(true).build());
        for (WorkQueue queue : List.of(transitions, tasks, timers)) {
            queue.queue.grantSendMessages(transitionWorker.function);
        }
        EventBus.fromEventBusName(this, "DefaultBus", "default").grantPutEventsTo(transitionWorker.function);
        grantPayloads(transitionWorker, encryption);
    }

    /**
     * The task worker calls integrations as each state machine's role (assumed through STS, so the roles' trust
     * policies decide which it may use) and answers on the transition queue; it touches no table.
     */
    private void grantTaskWorker(Encryption encryption) {
        taskWorker.alias.addEventSource(SqsEventSource.Builder.create(tasks.queue)
                .batchSize(1).reportBatchItemFailures(true).build());
        transitions.queue.grantSendMessages(taskWorker.function);
        taskWorker.function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("sts:AssumeRole"))
                .resources(List.of("arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID + ":role/*"))
                .build());
        grantPayloads(taskWorker, encryption);
    }

    private void grantPayloads(StepwiseFunction function, Encryption encryption) {
        function.function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject", "s3:PutObject"))
                .resources(List.of(payloads.arnForObjects("*")))
                .build());
        if (encryption.key() != null) {
            encryption.key().grantEncryptDecrypt(function.function);
        }
    }

    /** {@code POST /} only, as the AWS JSON 1.0 protocol uses; SigV4-signed for service {@code execute-api}. */
    private RestApi restApi() {
        RestApi rest = RestApi.Builder.create(this, "RestApi")
                .restApiName(getStackName())
                .description("The Step Functions API of Stepwise (AWS JSON 1.0, IAM-authorised)")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .cloudWatchRole(false)
                .defaultMethodOptions(MethodOptions.builder().authorizationType(AuthorizationType.IAM).build())
                .build();
        rest.getRoot().addMethod("POST", LambdaIntegration.Builder.create(api.alias).proxy(true).build());
        return rest;
    }

    /**
     * Every minute the transition worker hands over work committed but never handed over (a crash between commit
     * and enqueue), as any instance may.
     */
    private void sweepRule() {
        Rule.Builder.create(this, "Sweep")
                .description("Stepwise: re-dispatch committed work that was never handed over")
                .schedule(Schedule.rate(Duration.minutes(1)))
                .targets(List.of(LambdaFunction.Builder.create(transitionWorker.alias)
                        .event(RuleTargetInput.fromObject(Map.of("stepwise", "sweep")))
                        .retryAttempts(2).build()))
                .build();
    }
}
