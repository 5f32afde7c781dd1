package io.stepwise.it.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.it.LocalClients;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Activities on Stepwise on AWS (moto, wall-clock time): a worker using the AWS SDK takes an Activity state's task
 * with {@code GetActivityTask} through the API function, heartbeats and answers it; a worker that stops
 * heartbeating lets the task time out, as on AWS.
 */
class AwsActivitiesTest {
    private static AwsDeployment deployment;
    private static SfnClient sfn;

    @BeforeAll
    static void deploy() throws Exception {
        deployment = AwsDeployment.start(resource -> Optional.empty(),
                AwsDeployment.Options.defaults().withRealTime());
        sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void undeploy() throws Exception {
        if (sfn != null) {
            sfn.close();
        }
        if (deployment != null) {
            deployment.close();
        }
    }

    private static String machineOver(String name, int heartbeatSeconds) {
        String activityArn = sfn.createActivity(b -> b.name(name)).activityArn();
        return """
                {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","HeartbeatSeconds":%d,
                 "TimeoutSeconds":120,"End":true}}}""".formatted(activityArn, heartbeatSeconds);
    }

    private static GetActivityTaskResponse take(String definition) {
        String activityArn = definition.replaceAll("(?s).*\"Resource\":\"([^\"]+)\".*", "$1");
        for (int poll = 0; poll < 3; poll++) {
            GetActivityTaskResponse task = sfn.getActivityTask(b -> b.activityArn(activityArn).workerName("w"));
            if (task.taskToken() != null) {
                return task;
            }
        }
        throw new AssertionError("no task for " + activityArn);
    }

    @Test
    void aWorkerTakesTheTaskHeartbeatsAndItsAnswerEndsTheExecution() throws Exception {
        String definition = machineOver("succeeding", 10);
        String arn = Executions.start(sfn, definition, "succeeding", "e", "{\"job\":1}");

        GetActivityTaskResponse task = take(definition);
        assertThat(task.input()).isEqualTo("{\"job\":1}");
        sfn.sendTaskHeartbeat(b -> b.taskToken(task.taskToken()));
        sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"done\":1}"));

        DescribeExecutionResponse ended = Executions.awaitEnd(sfn, arn, Duration.ofSeconds(30));
        assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ended.output()).isEqualTo("{\"done\":1}");
        assertThat(Executions.history(sfn, arn)).extracting(HistoryEvent::typeAsString).containsExactly(
                "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded",
                "TaskStateExited", "ExecutionSucceeded");
    }

    @Test
    void aWorkersFailureFailsTheExecutionWithItsError() throws Exception {
        String definition = machineOver("failing", 10);
        String arn = Executions.start(sfn, definition, "failing", "e", "{}");

        GetActivityTaskResponse task = take(definition);
        sfn.sendTaskFailure(b -> b.taskToken(task.taskToken()).error("Worker.Broke").cause("it broke"));

        DescribeExecutionResponse ended = Executions.awaitEnd(sfn, arn, Duration.ofSeconds(30));
        assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ended.error()).isEqualTo("Worker.Broke");
        assertThat(ended.cause()).isEqualTo("it broke");
    }

    @Test
    void aWorkerThatStopsHeartbeatingLetsTheTaskTimeOut() throws Exception {
        String definition = machineOver("silent", 2);
        String arn = Executions.start(sfn, definition, "silent", "e", "{}");

        GetActivityTaskResponse task = take(definition);

        DescribeExecutionResponse ended = Executions.awaitEnd(sfn, arn, Duration.ofSeconds(30));
        assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ended.error()).isEqualTo("States.HeartbeatTimeout");
        List<String> types = Executions.history(sfn, arn).stream().map(HistoryEvent::typeAsString).toList();
        assertThat(types).containsSubsequence("ActivityStarted", "ActivityTimedOut", "ExecutionFailed");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{}"))))
                .as("a late answer").isInstanceOf(TaskTimedOutException.class);
    }
}
