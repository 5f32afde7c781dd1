package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Activities through the SDK: a worker polls with GetActivityTask and answers with SendTaskSuccess. */
class ActivityApiTest extends ApiServerTest {
    @Test
    void createDescribeListDeleteActivities() {
        String arn = sfn.createActivity(b -> b.name("review")).activityArn();
        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:123456789012:activity:review");
        assertThat(sfn.createActivity(b -> b.name("review")).activityArn()).isEqualTo(arn);
        sfn.createActivity(b -> b.name("approve"));

        assertThat(sfn.describeActivity(b -> b.activityArn(arn)).name()).isEqualTo("review");
        assertThat(sfn.listActivitiesPaginator(b -> b.maxResults(1)).activities()).extracting(a -> a.name())
                .containsExactly("approve", "review");

        sfn.deleteActivity(b -> b.activityArn(arn));
        assertThatThrownBy(() -> sfn.describeActivity(b -> b.activityArn(arn)))
                .isInstanceOf(ActivityDoesNotExistException.class);
    }

    @Test
    void aWorkerTakesTheTaskAndCompletesIt() throws InterruptedException {
        String activity = sfn.createActivity(b -> b.name("review")).activityArn();
        String definition = """
                {"StartAt":"Review","States":{"Review":{"Type":"Task","Resource":"%s","End":true}}}"""
                .formatted(activity);
        String machine = sfn.createStateMachine(b -> b.name("m").definition(definition).roleArn(ROLE))
                .stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"doc\":7}")).executionArn();

        GetActivityTaskResponse task = sfn.getActivityTask(b -> b.activityArn(activity).workerName("w1"));
        assertThat(task.input()).isEqualTo("{\"doc\":7}");
        sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"ok\":true}"));

        DescribeExecutionResponse done = Await.end(sfn, execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"ok\":true}");
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution)).events()).extracting(HistoryEvent::type)
                .containsSubsequence(HistoryEventType.ACTIVITY_SCHEDULED, HistoryEventType.ACTIVITY_STARTED,
                        HistoryEventType.ACTIVITY_SUCCEEDED);
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
                .filter(e -> e.type() == HistoryEventType.ACTIVITY_STARTED).findFirst().orElseThrow()
                .activityStartedEventDetails().workerName()).isEqualTo("w1");
    }
}
