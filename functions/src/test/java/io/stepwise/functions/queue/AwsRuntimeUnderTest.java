package io.stepwise.functions.queue;

import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TimerStore;
import io.stepwise.functions.Moto;
import io.stepwise.functions.store.DynamoDbExecutionStore;
import io.stepwise.functions.store.DynamoDbMapRunStore;
import io.stepwise.functions.store.DynamoDbTables;
import io.stepwise.functions.store.DynamoDbTimerStore;
import io.stepwise.runtime.ChildExecutions;
import io.stepwise.runtime.MapRuns;
import io.stepwise.runtime.RuntimeUnderTest;
import io.stepwise.runtime.TaskInvoker;
import io.stepwise.runtime.TransitionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One instance of Stepwise on AWS as the runtime contract drives it: the DynamoDB stores, the SQS queue, dispatcher
 * and timer service, and a poller per queue standing in for the Lambdas' event source mappings.
 */
final class AwsRuntimeUnderTest implements RuntimeUnderTest {
    final DynamoDbClient dynamo;
    final SqsClient sqs;
    final DynamoDbTables tables;
    final SqsQueues queues;
    private final DynamoDbExecutionStore executions;
    private final DynamoDbTimerStore timers;
    private final TransitionRunner runner;
    private final Sweeps sweeps;
    private final Clock clock;
    private final List<EventSourcePoller> pollers;

    /** A fresh deployment: tables and queues of its own on the emulator that {@code dynamo} and {@code sqs} call. */
    static AwsRuntimeUnderTest deploy(DynamoDbClient dynamo, SqsClient sqs, IntegrationRegistry integrations,
            Clock clock) {
        String prefix = Moto.uniquePrefix();
        DynamoDbTables tables = new DynamoDbTables(prefix);
        tables.create(dynamo);
        return new AwsRuntimeUnderTest(dynamo, sqs, tables, SqsQueues.create(sqs, prefix, 30), integrations, clock);
    }

    /** Another instance of the fleet: the same tables and queues, its own runner and pollers. */
    AwsRuntimeUnderTest beside(IntegrationRegistry integrations, Clock clock) {
        return new AwsRuntimeUnderTest(dynamo, sqs, tables, queues, integrations, clock);
    }

    AwsRuntimeUnderTest(DynamoDbClient dynamo, SqsClient sqs, DynamoDbTables tables, SqsQueues queues,
            IntegrationRegistry integrations, Clock clock) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.tables = tables;
        this.queues = queues;
        this.clock = clock;
        this.executions = new DynamoDbExecutionStore(dynamo, tables);
        this.timers = new DynamoDbTimerStore(dynamo, tables);
        SqsTransitionQueue transitions = new SqsTransitionQueue(sqs, queues.transitions());
        SqsTaskDispatcher tasks = new SqsTaskDispatcher(sqs, queues.tasks());
        SqsTimerService timerService = new SqsTimerService(sqs, queues.timers(), timers, clock);
        this.runner = new TransitionRunner(executions, clock, tasks, timerService);
        this.sweeps = new Sweeps(executions, timers, tasks, transitions);
        // As AwsRuntime composes it: the task worker also carries out a Map Run's child-execution commands.
        ChildExecutions children = new ChildExecutions(integrations, executions, clock,
                new MapRuns(new DynamoDbMapRunStore(dynamo, tables)));
        children.attach(runner);
        TaskWork taskWork = new TaskWork(new TaskInvoker(children), runner, transitions, executions);
        TimerRelay relay = new TimerRelay(timerService, transitions, clock);
        this.pollers = List.of(
                new EventSourcePoller(sqs, queues.transitions(), body -> runner.deliver(Messages.delivery(body))),
                new EventSourcePoller(sqs, queues.tasks(), taskWork::run),
                new EventSourcePoller(sqs, queues.timers(), relay::relay));
    }

    @Override
    public TransitionRunner runner() {
        return runner;
    }

    @Override
    public ExecutionStore executions() {
        return executions;
    }

    @Override
    public TimerStore timers() {
        return timers;
    }

    @Override
    public void fireDueTimers() {
        sweeps.fireDueTimers(clock.instant());
    }

    /**
     * Idle when the transition and task queues hold no message, visible or in flight: a poller deletes a message
     * only after handling it, and a handler sends what follows before that. Delayed timer messages do not count.
     */
    @Override
    public void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int quiet = 0;
        while (quiet < 2) {
            quiet = pending(queues.transitions()) + pending(queues.tasks()) == 0 ? quiet + 1 : 0;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the queues did not drain");
            }
            Thread.sleep(20);
        }
    }

    private int pending(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Override
    public int sweep(Duration later) {
        return sweeps.sweepOutbox(Instant.now().plus(later));
    }

    @Override
    public void close() {
        pollers.forEach(EventSourcePoller::close);
    }
}
