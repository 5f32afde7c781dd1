package io.stepwise.it.aws;

import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.runtime.MapRunIo;
import io.stepwise.engine.port.Timer;
import io.stepwise.functions.ApiComposition;
import io.stepwise.functions.ApiHandler;
import io.stepwise.functions.FakeLambda;
import io.stepwise.functions.InvocationContext;
import io.stepwise.functions.Moto;
import io.stepwise.functions.handler.AwsConfig;
import io.stepwise.functions.observe.ExecutionObserver;
import io.stepwise.functions.handler.AwsRuntime;
import io.stepwise.functions.handler.SweepWorker;
import io.stepwise.functions.handler.TaskWorker;
import io.stepwise.functions.handler.TimerWorker;
import io.stepwise.functions.handler.TransitionWorker;
import io.stepwise.functions.queue.SqsQueues;
import io.stepwise.functions.queue.SqsTaskDispatcher;
import io.stepwise.functions.queue.SqsTransitionQueue;
import io.stepwise.functions.queue.Sweeps;
import io.stepwise.functions.store.DynamoDbTables;
import io.stepwise.functions.store.DynamoDbTimerStore;
import io.stepwise.api.Arns;
import io.stepwise.api.NestedExecutionStarts;
import io.stepwise.runtime.VirtualClock;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Stepwise as the CDK stack deploys it, on moto: the stack's tables ({@link DynamoDbTables}) and queues
 * ({@link SqsQueues}) under a prefix of their own, the API function behind an {@link ApiGatewayProxy}, and the three
 * SQS-fed workers behind {@link EventSourceMapping}s with the batch sizes the stack gives them (transitions 10,
 * tasks 1, timers 10), the task worker also invoked asynchronously with each task when {@link Options#invokedTasks}
 * (as the stack deploys it), plus the sweep worker on a schedule. One background thread plays the Lambda service: it
 * polls the mappings in turn and, every {@link #SWEEP_EVERY} of wall time, runs the sweep as the stack's
 * every-minute rule would.
 *
 * <p>With virtual time, the API and every worker share a {@link VirtualClock} that jumps to the next stored timer
 * whenever no queue holds work, and the sweep fires it: a Wait of a year costs one jump. Timer messages that SQS
 * delivers late on the wall clock then find their timer consumed, a no-op like any duplicate fire.
 */
public final class AwsDeployment implements AutoCloseable {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    /** Far shorter than the stack's minute, so that a lost message is recovered within a test's patience. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(2);
    /** The task worker's alias, as the stack names it, when tasks are invoked ({@link Options#invokedTasks}). */
    static final String TASK_WORKER = "arn:aws:lambda:us-east-1:123456789012:function:stepwise-task-worker:live";

    /**
     * How a deployment differs from the default one.
     *
     * @param virtualTime whether the clock jumps to the next timer when nothing is queued
     * @param visibilitySeconds every queue's visibility timeout: how long a failed or unfinished message stays away
     * @param workerSqs what the workers' SQS client is, given moto's: a test puts faults in the way here
     * @param deliveries how each mapping invokes its worker, given the plain invocation: a test delivers twice here
     * @param observer told of every commit
     * @param invokedTasks whether tasks are handed to the task worker by asynchronous invocation, as the stack
     *     deploys it, through a {@link FakeLambda} endpoint; otherwise through the task queue (the stack's fallback,
     *     chosen for a whole run with {@code -Dstepwise.aws.tasks=queue}). The default is the stack's: invocation
     */
    public record Options(boolean virtualTime, int visibilitySeconds, UnaryOperator<SqsClient> workerSqs,
            UnaryOperator<Function<SQSEvent, SQSBatchResponse>> deliveries, ExecutionObserver observer,
            MapRunIo mapRunIo, boolean invokedTasks) {
        public static Options defaults() {
            return new Options(true, 30, UnaryOperator.identity(), UnaryOperator.identity(), ExecutionObserver.NONE,
                    MapRunIo.NONE, !"queue".equals(System.getProperty("stepwise.aws.tasks")));
        }

        public Options withInvokedTasks(boolean invoked) {
            return new Options(virtualTime, visibilitySeconds, workerSqs, deliveries, observer, mapRunIo, invoked);
        }

        public Options withRealTime() {
            return new Options(false, visibilitySeconds, workerSqs, deliveries, observer, mapRunIo, invokedTasks);
        }

        public Options withVisibilitySeconds(int seconds) {
            return new Options(virtualTime, seconds, workerSqs, deliveries, observer, mapRunIo, invokedTasks);
        }

        public Options withWorkerSqs(UnaryOperator<SqsClient> wrap) {
            return new Options(virtualTime, visibilitySeconds, wrap, deliveries, observer, mapRunIo, invokedTasks);
        }

        public Options withDeliveries(UnaryOperator<Function<SQSEvent, SQSBatchResponse>> wrap) {
            return new Options(virtualTime, visibilitySeconds, workerSqs, wrap, observer, mapRunIo, invokedTasks);
        }

        /** What every function's commits are told to, as the deployed functions tell EventBridge and their logs. */
        public Options withObserver(ExecutionObserver commits) {
            return new Options(virtualTime, visibilitySeconds, workerSqs, deliveries, commits, mapRunIo, invokedTasks);
        }

        /** Where Distributed Maps read their items and write their results, as the deployed workers use S3. */
        public Options withMapRunIo(MapRunIo io) {
            return new Options(virtualTime, visibilitySeconds, workerSqs, deliveries, observer, io, invokedTasks);
        }
    }

    public final SqsClient sqs;
    public final DynamoDbClient dynamo;
    public final String prefix;
    public final DynamoDbTables tables;
    public final SqsQueues queues;
    public final Clock clock;
    public final AwsRuntime runtime;
    public final EventSourceMapping transitions;
    public final EventSourceMapping tasks;
    public final EventSourceMapping timers;
    private final SweepWorker sweepWorker;
    private final DynamoDbTimerStore storedTimers;
    private final ApiGatewayProxy gateway;
    /** The Lambda endpoint the functions invoke the task worker on, or {@code null} when tasks go to the queue. */
    private final FakeLambda taskInvocations;
    private final LambdaClient lambdaClient;
    private final Function<SQSEvent, SQSBatchResponse> taskFunction;
    private int invokedTaskEvents;
    private final Thread lambda;
    private volatile boolean running = true;
    private volatile boolean paused;
    private int sweeps;

    private AwsDeployment(IntegrationRegistry integrations, Options options) throws IOException {
        sqs = Moto.sqs();
        dynamo = Moto.dynamo();
        prefix = Moto.uniquePrefix();
        tables = new DynamoDbTables(prefix);
        tables.create(dynamo);
        queues = SqsQueues.create(sqs, prefix, options.visibilitySeconds());
        clock = options.virtualTime() ? new VirtualClock(Clock.systemUTC().instant()) : Clock.systemUTC();
        taskInvocations = options.invokedTasks() ? new FakeLambda() : null;
        lambdaClient = taskInvocations == null ? null : taskInvocations.client();
        AwsConfig config = new AwsConfig(prefix, queues.transitions(), queues.tasks(), queues.timers(), REGION,
                Moto.endpoint(), null, taskInvocations == null ? null : TASK_WORKER);
        runtime = new AwsRuntime(config, dynamo, options.workerSqs().apply(sqs), lambdaClient, null, null,
                integrations, options.mapRunIo(), clock, options.observer());
        Arns arns = new Arns(REGION, ACCOUNT);
        // As the deployed task function does (AwsRuntime.fromEnvironment): startExecution.sync children start here.
        runtime.attach(new NestedExecutionStarts(ApiComposition.backend(runtime.adapters(), clock, arns)));
        ApiHandler api = new ApiHandler(ApiComposition.service(runtime.adapters(), clock, arns), call -> { });
        gateway = new ApiGatewayProxy(api);
        TransitionWorker transitionWorker = new TransitionWorker(runtime);
        TaskWorker taskWorker = new TaskWorker(runtime);
        TimerWorker timerWorker = new TimerWorker(runtime);
        transitions = new EventSourceMapping(sqs, queues.transitions(), 10,
                options.deliveries().apply(event -> transitionWorker.handleRequest(event, null)));
        taskFunction = options.deliveries().apply(event -> taskWorker.handleRequest(event,
                InvocationContext.taskWorker()));
        tasks = new EventSourceMapping(sqs, queues.tasks(), 1, taskFunction);
        timers = new EventSourceMapping(sqs, queues.timers(), 10,
                options.deliveries().apply(event -> timerWorker.handleRequest(event, null)));
        sweepWorker = new SweepWorker(runtime);
        storedTimers = new DynamoDbTimerStore(dynamo, tables);
        lambda = new Thread(this::loop, "lambda " + prefix);
        lambda.setDaemon(true);
    }

    /** A deployment whose workers run on their own thread from now on. */
    public static AwsDeployment start(IntegrationRegistry integrations, Options options) throws IOException {
        AwsDeployment deployment = new AwsDeployment(integrations, options);
        deployment.lambda.start();
        return deployment;
    }

    /** A deployment whose workers run only when the test drives the mappings (and the sweep) itself. */
    public static AwsDeployment manual(IntegrationRegistry integrations, Options options) throws IOException {
        return new AwsDeployment(integrations, options);
    }

    /** The port of the loopback API Gateway; point an {@code SfnClient} at {@code http://127.0.0.1:<port>}. */
    public int apiPort() {
        return gateway.port();
    }

    /** Runs the sweep worker once, as the schedule does. */
    public String sweep() {
        synchronized (this) {
            sweeps++;
        }
        return sweepWorker.handleRequest(Map.of("stepwise", "sweep"), null);
    }

    /**
     * The sweep as an instance running at {@code when} on the wall clock runs it: tasks whose claim ran out by then
     * are dispatched again. A task is claimed for the longest call a worker can make, so a test that cannot wait
     * that long sweeps as of later. Returns how many tasks it dispatched again.
     */
    public int sweepAsOf(Instant when) {
        return new Sweeps(runtime.executions(), storedTimers, new SqsTaskDispatcher(sqs, queues.tasks()),
                new SqsTransitionQueue(sqs, queues.transitions())).sweepOutbox(when);
    }

    public synchronized int sweeps() {
        return sweeps;
    }

    /** Stops the background thread from invoking anything until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    private void loop() {
        long nextSweep = System.nanoTime() + SWEEP_EVERY.toNanos();
        long idleMillis = 1;
        while (running) {
            try {
                if (paused) {
                    Thread.sleep(10);
                    continue;
                }
                ApiGatewayProxy.Calls before = gateway.calls();
                int work = 0;
                for (EventSourceMapping mapping : List.of(transitions, tasks, timers)) {
                    work += mapping.pollOnce();
                }
                work += deliverInvocations();
                if (work == 0 && jumpToNextTimer(before)) {
                    sweep();
                    work = 1;
                }
                if (System.nanoTime() > nextSweep) {
                    sweep();
                    nextSweep = System.nanoTime() + SWEEP_EVERY.toNanos();
                }
                idleMillis = work > 0 ? 1 : Math.min(idleMillis * 2, 50);
                if (work == 0) {
                    Thread.sleep(idleMillis);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("lambda " + prefix + ": " + e);
                }
            }
        }
    }

    /**
     * Hands each accepted asynchronous invocation of the task worker to it, as Lambda's asynchronous queue does:
     * one event per invocation, retried twice when it throws (at once here, where Lambda waits a minute or two),
     * then dropped, as to the on-failure destination; its task is still in the outbox, for the sweep.
     */
    private int deliverInvocations() {
        if (taskInvocations == null) {
            return 0;
        }
        List<FakeLambda.Invocation> invoked = taskInvocations.take();
        for (FakeLambda.Invocation invocation : invoked) {
            SQSEvent event = FakeLambda.event(invocation);
            for (int attempt = 1; attempt <= 3; attempt++) {
                try {
                    taskFunction.apply(event);
                    break;
                } catch (RuntimeException e) {
                    System.err.println("task invocation " + prefix + " failed, attempt " + attempt + " of 3: " + e);
                }
            }
        }
        invokedTaskEvents += invoked.size();
        return invoked.size();
    }

    /**
     * With virtual time and nothing queued, moves the clock to the earliest stored timer still ahead of it, unless an
     * API call ran since {@code before} (taken before the queues were polled): its commit may have stored that timer
     * before its messages reached a queue.
     */
    private boolean jumpToNextTimer(ApiGatewayProxy.Calls before) {
        if (!(clock instanceof VirtualClock virtual)) {
            return false;
        }
        Optional<Timer> next = storedTimers.next();
        if (next.isEmpty() || !next.get().dueAt().isAfter(clock.instant()) || !gateway.quietSince(before)) {
            return false;
        }
        virtual.advanceTo(next.get().dueAt());
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (lambda.isAlive()) {
            lambda.join(10_000);
        }
        gateway.close();
        if (taskInvocations != null) {
            System.out.println("deployment " + prefix + ": " + invokedTaskEvents
                    + " asynchronous task invocation(s) delivered");
            lambdaClient.close();
            taskInvocations.close();
        }
        undeploy();
    }

    /**
     * Deletes the deployment's tables and queues: moto keeps every table in memory and copies all of them for each
     * transaction, so tables left behind make every later test's commits slower and moto larger.
     */
    private void undeploy() {
        for (var table : tables.definitions()) {
            try {
                dynamo.deleteTable(b -> b.tableName(table.tableName()));
            } catch (RuntimeException e) {
                System.err.println("could not delete " + table.tableName() + ": " + e);
            }
        }
        for (String queue : List.of(queues.transitions(), queues.tasks(), queues.timers())) {
            for (String url : List.of(queue, SqsQueues.deadLetterUrl(queue))) {
                try {
                    sqs.deleteQueue(b -> b.queueUrl(url));
                } catch (RuntimeException e) {
                    System.err.println("could not delete " + url + ": " + e);
                }
            }
        }
    }
}
