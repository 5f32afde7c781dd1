package io.stepwise.functions.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.functions.ApiComposition;
import io.stepwise.functions.ApiHandler;
import io.stepwise.functions.Environment;
import io.stepwise.functions.FakeLambda;
import io.stepwise.functions.InvocationContext;
import io.stepwise.functions.Moto;
import io.stepwise.functions.handler.AwsConfig;
import io.stepwise.functions.handler.AwsRuntime;
import io.stepwise.functions.handler.TaskWorker;
import io.stepwise.functions.handler.TimerWorker;
import io.stepwise.functions.handler.TransitionWorker;
import io.stepwise.functions.observe.ExecutionObserver;
import io.stepwise.functions.SqsEvents;
import io.stepwise.functions.queue.SqsQueues;
import io.stepwise.functions.store.DynamoDbExecutionStore;
import io.stepwise.functions.store.DynamoDbTables;
import io.stepwise.query.Json;
import io.stepwise.runtime.MapRunIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Measures what a state transition of Stepwise on AWS costs: reference workflows run through the deployed
 * composition on moto ({@link ApiHandler} for StartExecution and SendTaskSuccess, the transition, task and timer
 * workers fed batches of the stack's event source mappings' sizes, the task worker also the asynchronous
 * invocations the functions make with each task, through a {@link FakeLambda} endpoint), every SDK client metered
 * by a {@link UsageMeter} and every handler call timed as a Lambda invocation at the stack's memory size. Priced at
 * {@link Prices#US_EAST_1}; the table goes to {@code target/cost-table.md}. Runs with {@code -Dstepwise.cost=true}
 * (about a minute on moto), so the ordinary build stays fast.
 */
class CostTableTest {
    private static final String ACCOUNT = "123456789012";
    private static final String ROLE = "arn:aws:iam::123456789012:role/StepwiseMachine";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:work";
    private static final String CALLBACK = "arn:aws:states:::lambda:invoke.waitForTaskToken";
    /** The stack's task worker alias, which the functions invoke asynchronously with each task. */
    private static final String TASK_WORKER =
            "arn:aws:lambda:us-east-1:123456789012:function:stepwise-task-worker:live";
    /** The stack's memory sizes (StepwiseStack): the API 1024 MB, the workers and the timer relay 512 MB. */
    private static final int API_MB = 1024;
    private static final int WORKER_MB = 512;
    private static final int TIMER_MB = 512;
    /** The transition and task workers' memory before it was lowered, which the model prices beside the stack's. */
    private static final int ALTERNATIVE_WORKER_MB = 1024;
    /**
     * The stack's event source mappings' batch sizes (StepwiseStack): ten transitions or timers per invocation, one
     * task, so that a long task holds up no other.
     */
    private static final int TRANSITION_BATCH = 10;
    private static final int TASK_BATCH = 1;
    private static final int TIMER_BATCH = 10;
    /**
     * An assumed round trip to DynamoDB, SQS or S3 from a Lambda function in the same region, for the estimate that
     * replaces moto's latency on this (shared, loaded) machine.
     */
    private static final double REQUEST_MILLIS = 10;
    private static final int RUNS = Integer.getInteger("stepwise.cost.runs", 2);
    /**
     * Unmeasured runs first: one warms the caches a deployed function keeps (definitions, start items); more warm
     * the JIT too, as a function under steady load is, where the Lambda time per transition is lowest.
     */
    private static final int WARMUPS = Integer.getInteger("stepwise.cost.warmups", 1);

    private final Usage usage = new Usage();
    private final Queue<String> callbackTokens = new ConcurrentLinkedQueue<>();
    private SqsClient sqs;
    private SqsQueues queues;
    private ApiHandler api;
    private TransitionWorker transitions;
    private TaskWorker tasks;
    private TimerWorker timers;
    private FakeLambda lambda;
    private DynamoDbExecutionStore unmetered;

    @Test
    void referenceWorkflowsArePricedPerTransition() throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("stepwise.cost"),
                "the cost measurement runs with -Dstepwise.cost=true (about a minute on moto)");
        deploy();
        List<Row> rows = new ArrayList<>();
        rows.add(measure("pass chain (10 Pass)", Workflows.passChain(), "{\"v\":1}"));
        rows.add(measure("typical: 4 Lambda Tasks + Choice + Pass, ~1 KB payload", Workflows.typical(FUNCTION),
                Workflows.order(250)));
        rows.add(measure("Wait 1 s between two Passes", Workflows.waiting(), "{\"v\":1}"));
        rows.add(measure("Map of 100 Lambda Tasks", Workflows.map(FUNCTION), "{\"items\":["
                + IntStream.range(0, 100).mapToObj(i -> "{\"n\":" + i + "}").collect(Collectors.joining(","))
                + "]}"));
        rows.add(measure("callback (.waitForTaskToken) + Pass", Workflows.callback(CALLBACK), "{\"v\":1}"));

        rows.removeIf(java.util.Objects::isNull);
        String table = Row.table(rows);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "cost-table.md"), table);
        assertThat(rows).allSatisfy(row -> assertThat(row.usage().unpriced()).as(row.workflow()).isEmpty());
    }

    private void deploy() {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("testing", "testing"));
        DynamoDbClient sizer = Moto.dynamo();
        UsageMeter meter = new UsageMeter(usage, sizer);
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(Moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
        lambda = new FakeLambda();
        LambdaClient invoker = lambda.client(LambdaClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(meter)));
        sqs = SqsClient.builder().endpointOverride(Moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
        S3Client s3 = S3Client.builder().endpointOverride(Moto.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
        String prefix = Moto.uniquePrefix();
        queues = SqsQueues.create(sqs, prefix, 30);
        DynamoDbTables tables = new DynamoDbTables(prefix);
        tables.create(sizer);
        String bucket = prefix + "payloads";
        s3.createBucket(b -> b.bucket(bucket));
        AwsConfig config = new AwsConfig(prefix, queues.transitions(), queues.tasks(), queues.timers(), "us-east-1",
                Moto.endpoint(), bucket, TASK_WORKER);
        AwsRuntime runtime = new AwsRuntime(config, dynamo, sqs, invoker, s3, null, resource -> {
            if (resource.equals(CALLBACK)) {
                return Optional.<Integration>of(request -> {
                    callbackTokens.add(request.taskToken());
                    return new TaskOutcome.Pending();
                });
            }
            return resource.equals(FUNCTION)
                    ? Optional.<Integration>of(request -> new TaskOutcome.Succeeded(request.input()))
                    : Optional.empty();
        }, MapRunIo.NONE, Clock.systemUTC(), ExecutionObserver.NONE);
        api = new ApiHandler(ApiComposition.service(runtime.adapters(), Clock.systemUTC(), ApiComposition.arns(
                Map.of(Environment.REGION, "us-east-1", Environment.ACCOUNT_ID, ACCOUNT))), call -> { });
        transitions = new TransitionWorker(runtime);
        tasks = new TaskWorker(runtime);
        timers = new TimerWorker(runtime);
        unmetered = new DynamoDbExecutionStore(sizer, tables);
    }

    /** {@link #WARMUPS} warm-up runs, then {@link #RUNS} measured ones; the row is their sum. */
    private Row measure(String workflow, String definition, String input) {
        String only = System.getProperty("stepwise.cost.only", "");
        if (!workflow.contains(only)) {
            return null;
        }
        System.out.println("measuring " + workflow);
        String machineArn = call("CreateStateMachine", Json.MAPPER.createObjectNode()
                .put("name", "m" + Integer.toHexString(workflow.hashCode())).put("definition", definition)
                .put("roleArn", ROLE)).get("stateMachineArn").textValue();
        for (int i = 0; i < WARMUPS; i++) {
            run(machineArn, input);
        }
        usage.reset();
        long transitionCount = 0;
        for (int i = 0; i < RUNS; i++) {
            transitionCount += run(machineArn, input);
        }
        return new Row(workflow, RUNS, transitionCount, usage.snapshot());
    }

    /** Starts an execution through the API and drives the workers until it ends; returns its transitions. */
    private long run(String machineArn, String input) {
        String executionArn = call("StartExecution", Json.MAPPER.createObjectNode()
                .put("stateMachineArn", machineArn).put("input", input)).get("executionArn").textValue();
        long deadline = System.nanoTime() + Duration.ofSeconds(600).toNanos();
        long report = System.nanoTime();
        while (unmetered.load(executionArn).orElseThrow().status() == ExecutionStatus.RUNNING) {
            assertThat(System.nanoTime()).as("execution still running: " + executionArn).isLessThan(deadline);
            if (System.nanoTime() - report > 10_000_000_000L) {
                report = System.nanoTime();
                System.out.println("  still running, " + unmetered.history(executionArn).size() + " events");
            }
            boolean busy = pump(queues.transitions(), transitions::handleRequest, WORKER_MB, ALTERNATIVE_WORKER_MB,
                    TRANSITION_BATCH)
                    | pump(queues.tasks(), tasks::handleRequest, WORKER_MB, ALTERNATIVE_WORKER_MB, TASK_BATCH)
                    | deliverInvocations()
                    | pump(queues.timers(), timers::handleRequest, TIMER_MB, TIMER_MB, TIMER_BATCH);
            for (String token = callbackTokens.poll(); token != null; token = callbackTokens.poll()) {
                call("SendTaskSuccess", Json.MAPPER.createObjectNode().put("taskToken", token)
                        .put("output", "{\"approved\":true}"));
                busy = true;
            }
            if (!busy) {
                sleep();
            }
        }
        assertThat(unmetered.load(executionArn).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return unmetered.history(executionArn).stream().map(HistoryEvent::type)
                .filter(type -> type.name().endsWith("_STATE_ENTERED")).count();
    }

    /**
     * One receive of up to {@code batchSize} messages, handed to the worker as one invocation, the handled ones
     * deleted in one batch: what Lambda's SQS event source mapping does with that batch size.
     */
    private boolean pump(String queueUrl, BiFunction<SQSEvent, com.amazonaws.services.lambda.runtime.Context,
            SQSBatchResponse> worker, int memoryMb, int alternativeMb, int batchSize) {
        List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                .waitTimeSeconds(0).visibilityTimeout(30)
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
        if (batch.isEmpty()) {
            return false;
        }
        SQSEvent event = SqsEvents.of(batch);
        long[] clocks = usage.clocks();
        long started = System.nanoTime();
        long cpu = Usage.threadCpuNanos();
        SQSBatchResponse response = worker.apply(event, InvocationContext.taskWorker());
        usage.invoked(memoryMb, alternativeMb, System.nanoTime() - started, Usage.threadCpuNanos() - cpu, clocks,
                REQUEST_MILLIS);
        List<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        assertThat(failed).as("failed messages of " + queueUrl).isEmpty();
        sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(batch.stream()
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                        .build()).toList()));
        return true;
    }

    /**
     * The task worker's asynchronous invocations accepted since the last call, each handed to it as one invocation,
     * as Lambda's asynchronous queue does. The Invoke that made it is one Lambda request, billed as this invocation
     * (the meter counts the Invoke call itself as an AWS request of the caller, nothing more).
     */
    private boolean deliverInvocations() {
        List<FakeLambda.Invocation> invoked = lambda.take();
        for (FakeLambda.Invocation invocation : invoked) {
            assertThat(invocation.functionName()).isEqualTo(TASK_WORKER);
            SQSEvent event = FakeLambda.event(invocation);
            long[] clocks = usage.clocks();
            long started = System.nanoTime();
            long cpu = Usage.threadCpuNanos();
            SQSBatchResponse response = tasks.handleRequest(event, InvocationContext.taskWorker());
            usage.invoked(WORKER_MB, ALTERNATIVE_WORKER_MB, System.nanoTime() - started,
                    Usage.threadCpuNanos() - cpu, clocks, REQUEST_MILLIS);
            assertThat(response.getBatchItemFailures()).as("a direct invocation fails whole").isEmpty();
        }
        return !invoked.isEmpty();
    }

    private JsonNode call(String operation, ObjectNode body) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/")
                .withHeaders(Map.of("X-Amz-Target", "AWSStepFunctions." + operation,
                        "Content-Type", "application/x-amz-json-1.0"))
                .withBody(body.toString());
        long[] clocks = usage.clocks();
        long started = System.nanoTime();
        long cpu = Usage.threadCpuNanos();
        APIGatewayProxyResponseEvent response = api.handleRequest(event, null);
        if (!operation.equals("CreateStateMachine")) {
            usage.apiRequest();
            usage.invoked(API_MB, API_MB, System.nanoTime() - started, Usage.threadCpuNanos() - cpu, clocks,
                    REQUEST_MILLIS);
        }
        assertThat(response.getStatusCode()).as(operation + ": " + response.getBody()).isEqualTo(200);
        return Json.parse(response.getBody());
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A measured workflow: its runs, their transitions and what they used. */
    record Row(String workflow, int runs, long transitions, Usage.Snapshot usage) {

        static String table(List<Row> rows) {
            StringBuilder out = new StringBuilder();
            out.append("| workflow | transitions/exec | DynamoDB WRU/tr | RRU/tr | SQS req/tr | Lambda inv/tr"
                    + " | Lambda GB-s/tr measured (est.) | S3 req/tr | API req/tr | AWS req/tr | ms per AWS req (moto)"
                    + " | $ per million transitions, est. (DynamoDB / SQS / Lambda / S3 / API GW), HTTP API"
                    + " | $ per million, Lambda as measured |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
            for (Row row : rows) {
                double n = row.transitions();
                Usage.Snapshot u = row.usage();
                Prices.Cost cost = Prices.US_EAST_1.price(u, true);
                Prices.Cost measured = Prices.US_EAST_1.price(u, false);
                double perMillion = 1e6 / n;
                out.append(String.format(Locale.ROOT,
                        "| %s | %.0f | %.2f | %.2f | %.2f | %.3f | %.4f (%.4f) | %.3f | %.3f | %.1f | %.1f"
                                + " | **%.2f** (%.2f / %.2f / %.2f / %.2f / %.2f) | %.2f |%n",
                        row.workflow(), n / row.runs(), u.writeUnits() / n, u.readUnits() / n,
                        (u.sqsStandard() + u.sqsFifo()) / n, u.invocations() / n, u.gbSeconds() / n,
                        u.estimatedGbSeconds() / n, (u.s3Puts() + u.s3Gets()) / n, u.apiRequests() / n,
                        u.awsRequests() / n, u.awsRequestNanos() / 1e6 / Math.max(1, u.awsRequests()),
                        cost.total() * perMillion, (cost.dynamoWrites() + cost.dynamoReads()) * perMillion,
                        cost.sqs() * perMillion, cost.lambda() * perMillion, cost.s3() * perMillion,
                        cost.apiGateway() * perMillion, measured.total() * perMillion));
            }
            out.append("\nLambda time split into CPU (the handler thread's CPU time, less the meter's) and waiting ("
                    + String.format(Locale.ROOT, "%.0f", REQUEST_MILLIS) + " ms per AWS request) and modelled with the"
                    + " transition and task workers at " + ALTERNATIVE_WORKER_MB + " MB and at " + WORKER_MB
                    + " MB (the API " + API_MB + " MB, the timer relay " + TIMER_MB + " MB): below "
                    + Usage.FULL_VCPU_MB + " MB Lambda gives a proportional share of a vCPU, so CPU time stretches"
                    + " by " + Usage.FULL_VCPU_MB + "/MB. Totals as the main table's (behind the default HTTP API) with Lambda"
                    + " modelled; the last column with workers at " + WORKER_MB + " MB behind the REST API option"
                    + " ($3.50 per million requests instead of $1.00).\n\n");
            out.append("| workflow | CPU ms/inv | AWS req/inv | ms/inv modelled, workers " + ALTERNATIVE_WORKER_MB
                    + " → " + WORKER_MB + " MB | Lambda GB-s/tr | $ per million, Lambda | $ per million, total"
                    + " | total, REST API |\n");
            out.append("|---|---:|---:|---|---|---|---|---:|\n");
            for (Row row : rows) {
                double n = row.transitions();
                Usage.Snapshot u = row.usage();
                Usage.LambdaModel m = u.model();
                double inv = Math.max(1, u.invocations());
                double perMillion = 1e6 / n;
                Prices.Cost before = Prices.US_EAST_1.price(u, Prices.LambdaTime.MODELLED_ALTERNATIVE, true);
                Prices.Cost stack = Prices.US_EAST_1.price(u, Prices.LambdaTime.MODELLED, true);
                Prices.Cost rest = Prices.US_EAST_1.price(u, Prices.LambdaTime.MODELLED, false);
                out.append(String.format(Locale.ROOT,
                        "| %s | %.1f | %.1f | %.1f → %.1f | %.4f → %.4f | %.2f → %.2f | %.2f → %.2f | %.2f |%n",
                        row.workflow(), m.cpuNanos() / 1e6 / inv, u.awsRequests() / inv,
                        m.alternativeMillis() / inv, m.millis() / inv, m.alternativeGbSeconds() / n,
                        m.gbSeconds() / n, before.lambda() * perMillion, stack.lambda() * perMillion,
                        before.total() * perMillion, stack.total() * perMillion, rest.total() * perMillion));
            }
            out.append("\nTasks handed to the task worker per transition, by asynchronous Invoke (each one Lambda"
                    + " request, billed as the worker's invocation it causes, in Lambda inv/tr above) and by the task"
                    + " queue: ").append(rows.stream().map(row -> row.workflow().replaceFirst(":.*", "") + " "
                    + String.format(Locale.ROOT, "%.2f / %.2f", (double) row.usage().lambdaInvokes() / row.transitions(),
                            (double) row.usage().sqsTaskSends() / row.transitions()))
                    .collect(Collectors.joining(", "))).append(".\n");
            out.append("\nWrite units per transition by table:\n\n");
            for (Row row : rows) {
                out.append("- ").append(row.workflow()).append(": ").append(row.usage().writeUnitsByTable()
                        .entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey().replaceFirst("^t[0-9a-f]{8}-", "") + " "
                                + String.format(Locale.ROOT, "%.2f", e.getValue() / row.transitions()))
                        .collect(Collectors.joining(", "))).append('\n');
            }
            return out.toString();
        }
    }
}
