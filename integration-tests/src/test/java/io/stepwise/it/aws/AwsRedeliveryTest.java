package io.stepwise.it.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.it.LocalClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Stepwise on AWS under SQS's at-least-once delivery, on moto: every message of every queue delivered twice, the
 * second time in reverse order, and all of them once more after the execution ended, leave the history one clean
 * run leaves. The workers are fed by {@link EventSourceMapping}s as Lambda would, on virtual time.
 */
class AwsRedeliveryTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/StepwiseMachine";
    static final String ECHO = "arn:aws:states:::lambda:invoke";
    /** Sequential on purpose (a Map of concurrency 1): its history has one order, so two runs compare equal. */
    static final String WORKFLOW = """
            {"StartAt":"Prepare","States":{
             "Prepare":{"Type":"Pass","Result":[1,2,3],"ResultPath":"$.items","Next":"Call"},
             "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"echo","Payload.$":"$"},"ResultPath":"$.called","Next":"Pause"},
             "Pause":{"Type":"Wait","Seconds":300,"Next":"Each"},
             "Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"ResultPath":"$.each","Next":"Flaky",
                     "ItemProcessor":{"StartAt":"Item","States":{
                       "Item":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                               "Parameters":{"FunctionName":"echo","Payload.$":"$"},"End":true}}}},
             "Flaky":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                      "Parameters":{"FunctionName":"flaky","Payload":{}},"ResultPath":"$.flaky",
                      "Retry":[{"ErrorEquals":["Flaky.Once"],"IntervalSeconds":60}],"End":true}}}""";

    @Test
    void everyMessageDeliveredTwiceAndOutOfOrderLeavesTheHistoryOfOneDelivery() throws Exception {
        List<HistoryEvent> clean;
        try (AwsDeployment deployment = AwsDeployment.start(new Echo(), AwsDeployment.Options.defaults());
                SfnClient sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30))) {
            String arn = Executions.start(sfn, WORKFLOW, "m", "e", "{\"v\":1}");
            assertThat(Executions.awaitEnd(sfn, arn, Duration.ofSeconds(60)).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            clean = Executions.history(sfn, arn);
        }

        Twice twice = new Twice();
        try (AwsDeployment deployment = AwsDeployment.start(new Echo(),
                AwsDeployment.Options.defaults().withDeliveries(twice::wrap));
                SfnClient sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30))) {
            String arn = Executions.start(sfn, WORKFLOW, "m", "e", "{\"v\":1}");
            assertThat(Executions.awaitEnd(sfn, arn, Duration.ofSeconds(60)).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(Executions.comparable(Executions.history(sfn, arn)))
                    .isEqualTo(Executions.comparable(clean));

            deployment.pause();
            twice.replayAllBackwards();
            assertThat(Executions.comparable(Executions.history(sfn, arn)))
                    .as("every message once more, last first, after the end").isEqualTo(Executions.comparable(clean));
            // Task answers are applied by the task worker and reach the transition queue only when it loses a
            // compare-and-set, and a task's answer is followed by the next task in the same invocation (the Map's
            // items, then Flaky), so far fewer batches flow than there are steps: the Call task's, the Wait's
            // fire, the first item's, Flaky's retry at least.
            assertThat(twice.deliveries()).as("batches delivered").isGreaterThanOrEqualTo(4);
        }
        assertThat(clean).extracting(HistoryEvent::typeAsString)
                .contains("WaitStateExited", "MapIterationSucceeded", "TaskFailed", "ExecutionSucceeded");
    }

    /** Invokes each worker twice with every batch, the second time last message first; keeps every batch. */
    static final class Twice {
        private final List<Map.Entry<Function<SQSEvent, SQSBatchResponse>, SQSEvent>> delivered =
                Collections.synchronizedList(new ArrayList<>());

        Function<SQSEvent, SQSBatchResponse> wrap(Function<SQSEvent, SQSBatchResponse> worker) {
            return event -> {
                delivered.add(Map.entry(worker, event));
                SQSBatchResponse first = worker.apply(event);
                worker.apply(reversed(event));
                return first;
            };
        }

        void replayAllBackwards() {
            List<Map.Entry<Function<SQSEvent, SQSBatchResponse>, SQSEvent>> all;
            synchronized (delivered) {
                all = new ArrayList<>(delivered);
            }
            Collections.reverse(all);
            for (Map.Entry<Function<SQSEvent, SQSBatchResponse>, SQSEvent> batch : all) {
                batch.getKey().apply(reversed(batch.getValue()));
            }
        }

        int deliveries() {
            return delivered.size();
        }

        private static SQSEvent reversed(SQSEvent event) {
            List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
            Collections.reverse(records);
            SQSEvent copy = new SQSEvent();
            copy.setRecords(records);
            return copy;
        }
    }

    /**
     * {@code echo} answers its payload; {@code flaky} fails its execution's first call with {@code Flaky.Once} and
     * answers the rest. Counts every call.
     */
    static final class Echo implements IntegrationRegistry {
        final AtomicInteger calls = new AtomicInteger();
        private final Map<String, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();

        @Override
        public Optional<Integration> find(String resource) {
            if (!resource.equals(ECHO)) {
                return Optional.empty();
            }
            return Optional.of(request -> {
                calls.incrementAndGet();
                if (request.input().path("FunctionName").asText().equals("flaky")) {
                    int call = flakyCalls.computeIfAbsent(request.executionArn(), k -> new AtomicInteger())
                            .incrementAndGet();
                    return call == 1 ? new TaskOutcome.Failed("Flaky.Once", "the first call fails")
                            : new TaskOutcome.Succeeded(request.input().path("Payload"));
                }
                return new TaskOutcome.Succeeded(request.input().path("Payload"));
            });
        }
    }
}
