package io.stepwise.it.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.functions.Moto;
import io.stepwise.functions.observe.EmfMetrics;
import io.stepwise.functions.observe.EventBridgeStatusEvents;
import io.stepwise.functions.observe.ExecutionObserver;
import io.stepwise.it.LocalClients;
import io.stepwise.query.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What Stepwise on AWS tells the world about its executions, on moto: a "Step Functions Execution Status Change"
 * event on the default EventBridge bus for every status an execution enters, received through a rule whose target
 * is an SQS queue, and CloudWatch Embedded Metric Format lines with AWS's metric names.
 */
class AwsStatusEventsTest {

    @Test
    void everyStatusChangeReachesARuleAndEveryCommitLeavesAnEmfLine() throws Exception {
        EventBridgeClient events = Moto.events();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        ExecutionObserver observer = ExecutionObserver.all(List.of(new EventBridgeStatusEvents(events, "default"),
                new EmfMetrics(lines::add, Clock.systemUTC())));
        try (AwsDeployment deployment = AwsDeployment.start(resource -> Optional.empty(),
                AwsDeployment.Options.defaults().withObserver(observer));
                SfnClient sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30))) {
            String definition = """
                    {"StartAt":"P","States":{"P":{"Type":"Pass","Next":"C"},
                     "C":{"Type":"Choice","Choices":[{"Variable":"$.fail","BooleanEquals":true,"Next":"F"}],
                          "Default":"W"},
                     "W":{"Type":"Wait","Seconds":5,"Next":"S"},
                     "S":{"Type":"Succeed"},
                     "F":{"Type":"Fail","Error":"Order.Bad","Cause":"the order was bad"}}}""";
            String machineArn = sfn.createStateMachine(b -> b.name("observed").definition(definition)
                    .roleArn(AwsRedeliveryTest.ROLE)).stateMachineArn();
            String queueUrl = deployment.sqs.createQueue(b -> b.queueName(deployment.prefix + "status-events"))
                    .queueUrl();
            String queueArn = deployment.sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String rule = deployment.prefix + "status";
            events.putRule(b -> b.name(rule).eventBusName("default").eventPattern("""
                    {"source":["stepwise.states"],"detail-type":["Step Functions Execution Status Change"],
                     "detail":{"stateMachineArn":["%s"]}}""".formatted(machineArn)));
            events.putTargets(b -> b.rule(rule).eventBusName("default")
                    .targets(t -> t.id("queue").arn(queueArn)));

            String good = sfn.startExecution(b -> b.stateMachineArn(machineArn).name("good")
                    .input("{\"fail\":false}"))
                    .executionArn();
            String bad = sfn.startExecution(b -> b.stateMachineArn(machineArn).name("bad")
                    .input("{\"fail\":true}")).executionArn();
            assertThat(Executions.awaitEnd(sfn, good, Duration.ofSeconds(30)).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(Executions.awaitEnd(sfn, bad, Duration.ofSeconds(30)).status())
                    .isEqualTo(ExecutionStatus.FAILED);

            List<JsonNode> received = receive(deployment, queueUrl, 4);
            assertThat(received).allSatisfy(event -> {
                assertThat(event.get("source").textValue()).isEqualTo("stepwise.states");
                assertThat(event.get("detail-type").textValue()).isEqualTo("Step Functions Execution Status Change");
                assertThat(event.get("resources").get(0).textValue())
                        .isEqualTo(event.get("detail").get("executionArn").textValue());
            });
            assertThat(received).extracting(event -> event.get("detail").get("name").textValue() + ":"
                    + event.get("detail").get("status").textValue())
                    .containsExactlyInAnyOrder("good:RUNNING", "good:SUCCEEDED", "bad:RUNNING", "bad:FAILED");
            JsonNode succeeded = detail(received, "good", "SUCCEEDED");
            assertThat(succeeded.get("executionArn").textValue()).isEqualTo(good);
            assertThat(succeeded.get("stateMachineArn").textValue()).isEqualTo(machineArn);
            assertThat(succeeded.get("input").textValue()).isEqualTo("{\"fail\":false}");
            assertThat(Json.parse(succeeded.get("output").textValue())).isEqualTo(Json.parse("{\"fail\":false}"));
            assertThat(succeeded.get("inputDetails").get("included").booleanValue()).isTrue();
            assertThat(succeeded.get("outputDetails").get("included").booleanValue()).isTrue();
            assertThat(succeeded.get("stopDate").longValue() - succeeded.get("startDate").longValue())
                    .as("the Wait lies between start and stop").isGreaterThanOrEqualTo(5_000);
            assertThat(succeeded.get("redriveCount").intValue()).isZero();
            assertThat(succeeded.get("error").isNull()).isTrue();
            JsonNode running = detail(received, "good", "RUNNING");
            assertThat(running.get("stopDate").isNull()).isTrue();
            assertThat(running.get("output").isNull()).isTrue();
            JsonNode failed = detail(received, "bad", "FAILED");
            assertThat(failed.get("error").textValue()).isEqualTo("Order.Bad");
            assertThat(failed.get("cause").textValue()).isEqualTo("the order was bad");

            List<HistoryEvent> history = new ArrayList<>(Executions.history(sfn, good));
            history.addAll(Executions.history(sfn, bad));
            long statesEntered = history.stream().filter(e -> e.typeAsString().endsWith("StateEntered")).count();
            assertMetrics(lines, machineArn, statesEntered);
        }
    }

    /** Every line is valid EMF, and the values add up to what the two executions did. */
    private static void assertMetrics(List<String> lines, String machineArn, long statesEntered) {
        long started = 0;
        long succeeded = 0;
        long failed = 0;
        long transitions = 0;
        List<Long> executionTimes = new ArrayList<>();
        for (String text : List.copyOf(lines)) {
            JsonNode line = Json.parse(text);
            JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
            assertThat(line.get("_aws").get("Timestamp").isIntegralNumber()).isTrue();
            assertThat(directive.get("Namespace").textValue()).isEqualTo("Stepwise/States");
            assertThat(directive.get("Dimensions").get(0).get(0).textValue()).isEqualTo("StateMachineArn");
            assertThat(line.get("StateMachineArn").textValue()).isEqualTo(machineArn);
            for (JsonNode metric : directive.get("Metrics")) {
                String name = metric.get("Name").textValue();
                assertThat(line.get(name)).as(name + " has a value").isNotNull();
                assertThat(line.get(name).isNumber()).isTrue();
                assertThat(metric.get("Unit").textValue()).isIn("Count", "Milliseconds");
            }
            started += line.path("ExecutionsStarted").asLong();
            succeeded += line.path("ExecutionsSucceeded").asLong();
            failed += line.path("ExecutionsFailed").asLong();
            transitions += line.path("StateTransitions").asLong();
            if (line.has("ExecutionTime")) {
                executionTimes.add(line.get("ExecutionTime").asLong());
            }
        }
        assertThat(started).isEqualTo(2);
        assertThat(succeeded).isEqualTo(1);
        assertThat(failed).isEqualTo(1);
        assertThat(transitions).isEqualTo(statesEntered);
        assertThat(executionTimes).hasSize(2).anySatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(5_000));
    }

    private static JsonNode detail(List<JsonNode> events, String name, String status) {
        return events.stream().map(event -> event.get("detail"))
                .filter(d -> d.get("name").textValue().equals(name) && d.get("status").textValue().equals(status))
                .findFirst().orElseThrow();
    }

    private static List<JsonNode> receive(AwsDeployment deployment, String queueUrl, int expected) {
        List<JsonNode> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received.size() < expected && System.nanoTime() < deadline) {
            for (Message message : deployment.sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                received.add(Json.parse(message.body()));
                deployment.sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return received;
    }
}
