package io.stepwise.functions.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.Timer;
import io.stepwise.query.Json;
import io.stepwise.runtime.Delivery;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:m:e";

    private static final List<Trigger> EVERY_KIND = List.of(
            new Trigger.TaskStarted("r", "worker"),
            new Trigger.TaskSubmitted("r", Json.parse("{\"JobId\":\"j-1\"}")),
            new Trigger.TaskSucceeded("r", Json.parse("{\"a\":[1,\"x\",null]}")),
            new Trigger.TaskSucceeded("r", NullNode.getInstance()),
            new Trigger.TaskFailed("r", "Lambda.ServiceException", null),
            new Trigger.ChildFinished("r", 3, ExecutionStatus.FAILED, "E", null),
            new Trigger.MapRunUpdated("arn:aws:states:us-east-1:123456789012:mapRun:m/l:1", 5, null, 2L),
            new Trigger.TaskHeartbeat("r"),
            new Trigger.TimerFired("w"),
            new Trigger.StopRequested(null, "because"),
            new Trigger.RedriveRequested());

    @Test
    void everyTriggerKindGoesThroughAMessageUnchanged() {
        assertThat(EVERY_KIND).extracting(Object::getClass).containsAll(
                Arrays.asList(Trigger.class.getPermittedSubclasses()));
        for (Trigger trigger : EVERY_KIND) {
            Delivery delivery = Delivery.of(ARN, trigger);
            assertThat(Messages.delivery(Messages.delivery(delivery))).isEqualTo(delivery);
        }
    }

    @Test
    void anExpressExecutionGoesThroughATaskQueueMessageUnchanged() {
        ExecutionStart start = new ExecutionStart("arn:aws:states:us-east-1:123456789012:express:m:e:1", "e",
                "arn:aws:states:us-east-1:123456789012:stateMachine:m", "m", "arn:aws:iam::123456789012:role/r",
                "us-east-1", "{\"v\": 1}", Instant.parse("2026-01-01T00:00:00.123Z"), 42);
        String body = Messages.express(start, "{\"StartAt\":\"P\"}");

        assertThat(Messages.isExpress(body)).isTrue();
        assertThat(Messages.isExpress(Messages.task("arn:e", new Command.InvokeTask("t", "T", "arn:r",
                NullNode.instance, null, null, null, null)))).isFalse();
        assertThat(Messages.expressStart(body)).usingRecursiveComparison().isEqualTo(start);
        assertThat(Messages.expressDefinition(body)).isEqualTo("{\"StartAt\":\"P\"}");
    }

    @Test
    void aTimerFireKeepsTheTimerItConsumes() {
        Delivery fired = Delivery.fired(new Timer(ARN, "w", Instant.parse("2026-01-01T00:00:10Z")));
        assertThat(Messages.delivery(Messages.delivery(fired))).isEqualTo(fired);
    }

    @Test
    void aTaskKeepsItsAbsentParts() {
        Command.InvokeTask task = new Command.InvokeTask("r", "T", "arn:aws:lambda:us-east-1:1:function:f",
                Json.parse("{\"n\":1}"), null, null, 5, null);
        String body = Messages.task(ARN, task);
        assertThat(Messages.task(body)).isEqualTo(task);
        assertThat(Messages.taskExecution(body)).isEqualTo(ARN);
    }

    @Test
    void answersDeduplicateByContentAndRepeatableTriggersDoNot() {
        Trigger answer = new Trigger.TaskSucceeded("r", Json.parse("1"));
        String body = Messages.delivery(Delivery.of(ARN, answer));
        assertThat(SqsTransitionQueue.deduplicationId(answer, body))
                .isEqualTo(SqsTransitionQueue.deduplicationId(answer, body));
        Trigger heartbeat = new Trigger.TaskHeartbeat("r");
        String beat = Messages.delivery(Delivery.of(ARN, heartbeat));
        assertThat(SqsTransitionQueue.deduplicationId(heartbeat, beat))
                .isNotEqualTo(SqsTransitionQueue.deduplicationId(heartbeat, beat));
    }
}
