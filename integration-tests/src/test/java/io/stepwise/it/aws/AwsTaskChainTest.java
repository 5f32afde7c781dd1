package io.stepwise.it.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.it.LocalClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The task worker calls the next task of the commit its answer made itself, in the same invocation, instead of
 * handing it to the task queue; the other tasks of that commit still go to the queue, so parallel branches run in
 * parallel. Counted at the deployment's task event source mapping, on moto.
 *
 * <p>Runs on the task queue path (the stack hands tasks over by asynchronous invocation and falls back to the queue),
 * whose event source mapping is what it counts.
 */
class AwsTaskChainTest {
    /** The deployment with its tasks on the task queue, the stack's fallback for tasks it cannot invoke. */
    private static AwsDeployment.Options onTheQueue() {
        return AwsDeployment.Options.defaults().withInvokedTasks(false);
    }

    private static final String FOUR_CALLS = """
            {"StartAt":"A","States":{
             "A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName":"echo","Payload.$":"$"},"Next":"B"},
             "B":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName":"echo","Payload.$":"$"},"Next":"Pick"},
             "Pick":{"Type":"Choice","Choices":[{"Variable":"$.v","NumericEquals":1,"Next":"C"}],"Default":"C"},
             "C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName":"echo","Payload.$":"$"},"Next":"D"},
             "D":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName":"echo","Payload.$":"$"},"End":true}}}""";
    private static final String TASK = """
            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
             "Parameters":{"FunctionName":"echo","Payload.$":"$"},%s}""";
    private static final String FAN_OUT = """
            {"StartAt":"First","States":{
             "First":%s,
             "Both":{"Type":"Parallel","Next":"Last","Branches":[
               {"StartAt":"Left","States":{"Left":%s}},
               {"StartAt":"Right","States":{"Right":%s}}]},
             "Last":%s}}""".formatted(TASK.formatted("\"Next\":\"Both\""), TASK.formatted("\"End\":true"),
            TASK.formatted("\"End\":true"), TASK.formatted("\"End\":true"));

    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void aSequentialWorkflowsFourTasksRunInOneTaskWorkerInvocation() throws Exception {
        AwsCrashTest.Calls calls = new AwsCrashTest.Calls(0, release);
        try (AwsDeployment deployment = AwsDeployment.start(calls, onTheQueue());
                SfnClient sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30))) {
            String arn = Executions.start(sfn, FOUR_CALLS, "m", "e", "{\"v\":1}");

            assertThat(Executions.awaitEnd(sfn, arn, Duration.ofSeconds(30)).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(calls.count.get()).isEqualTo(4);
            assertThat(deployment.tasks.invocations()).isEqualTo(1);
            assertThat(deployment.tasks.messages()).isEqualTo(1);
            assertThat(deployment.transitions.messages()).as("every answer applied by the task worker").isZero();
            List<HistoryEvent> history = Executions.history(sfn, arn);
            assertThat(Executions.count(history, "TaskSucceeded")).isEqualTo(4);
            assertThat(Executions.count(history, "ExecutionSucceeded")).isEqualTo(1);
        }
    }

    @Test
    void ofTheTwoBranchesAParallelStartsOneIsChainedAndTheOtherGoesToTheQueue() throws Exception {
        AwsCrashTest.Calls calls = new AwsCrashTest.Calls(0, release);
        try (AwsDeployment deployment = AwsDeployment.start(calls, onTheQueue());
                SfnClient sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30))) {
            String arn = Executions.start(sfn, FAN_OUT, "m", "e", "{\"v\":1}");

            assertThat(Executions.awaitEnd(sfn, arn, Duration.ofSeconds(30)).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(calls.count.get()).isEqualTo(4);
            assertThat(deployment.tasks.messages())
                    .as("the first task's message and the branch that was not chained").isEqualTo(2);
            List<HistoryEvent> history = Executions.history(sfn, arn);
            assertThat(Executions.count(history, "TaskSucceeded")).isEqualTo(4);
            assertThat(Executions.count(history, "ParallelStateSucceeded")).isEqualTo(1);
        }
    }
}
