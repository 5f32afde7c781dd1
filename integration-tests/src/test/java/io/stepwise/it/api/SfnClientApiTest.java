package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** The AWS SDK's own SfnClient against {@code stepwise serve}: the API must work for it unmodified. */
class SfnClientApiTest extends ApiServerTest {
    private static final String PASS = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"done":true},"ResultPath":"$.r","End":true}}}""";
    private static final String WAIT = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"Next":"P"},
             "P":{"Type":"Pass","End":true}}}""";
    private static final String CALLBACK = """
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"%s",
             "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}"""
            .formatted(LocalServer.CALLBACK);

    @Test
    void createDescribeListStateMachines() {
        CreateStateMachineResponse created = sfn.createStateMachine(b -> b.name("pass").definition(PASS).roleArn(ROLE));
        assertThat(created.stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:pass");
        assertThat(created.creationDate()).isNotNull();
        assertThat(sfn.createStateMachine(b -> b.name("pass").definition(PASS).roleArn(ROLE)).stateMachineArn())
                .as("an identical create is idempotent").isEqualTo(created.stateMachineArn());

        DescribeStateMachineResponse described = sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
        assertThat(described.name()).isEqualTo("pass");
        assertThat(described.definition()).isEqualTo(PASS);
        assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(described.roleArn()).isEqualTo(ROLE);

        createMachine("another", PASS);
        assertThat(sfn.listStateMachinesPaginator(b -> b.maxResults(1)).stateMachines())
                .extracting(s -> s.name()).containsExactly("another", "pass");

        sfn.updateStateMachine(b -> b.stateMachineArn(created.stateMachineArn()).definition(WAIT));
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn())).definition())
                .isEqualTo(WAIT);
        sfn.deleteStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn())))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void startDescribeListAndHistoryOfAnExecution() throws InterruptedException {
        String machine = createMachine("pass", PASS);

        StartExecutionResponse started = sfn.startExecution(b -> b.stateMachineArn(machine).name("run-1")
                .input("{\"x\":1}"));
        assertThat(started.executionArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:pass:run-1");
        DescribeExecutionResponse done = Await.end(sfn, started.executionArn());

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.input()).isEqualTo("{\"x\":1}");
        assertThat(done.output()).isEqualTo("{\"x\":1,\"r\":{\"done\":true}}");
        assertThat(done.stopDate()).isAfterOrEqualTo(done.startDate());

        ListExecutionsResponse listed = sfn.listExecutions(b -> b.stateMachineArn(machine)
                .statusFilter(ExecutionStatus.SUCCEEDED));
        assertThat(listed.executions()).extracting(e -> e.name()).containsExactly("run-1");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING))
                .executions()).isEmpty();

        GetExecutionHistoryResponse history = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()));
        assertThat(history.events()).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
                HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(history.events().get(0).executionStartedEventDetails().input()).isEqualTo("{\"x\":1}");

        GetExecutionHistoryResponse newestFirst = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn())
                .reverseOrder(true).maxResults(1).includeExecutionData(false));
        assertThat(newestFirst.events()).extracting(HistoryEvent::id).containsExactly(4L);
        assertThat(newestFirst.events().get(0).executionSucceededEventDetails().output()).isNull();
        assertThat(newestFirst.nextToken()).isNotNull();
        List<Long> paged = sfn.getExecutionHistoryPaginator(b -> b.executionArn(started.executionArn()).maxResults(3))
                .events().stream().map(HistoryEvent::id).toList();
        assertThat(paged).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void startingTheSameNameIsIdempotentOnlyForTheSameInputWhileRunning() {
        String machine = createMachine("wait", WAIT);
        StartExecutionResponse first = sfn.startExecution(b -> b.stateMachineArn(machine).name("n").input("{}"));

        StartExecutionResponse again = sfn.startExecution(b -> b.stateMachineArn(machine).name("n").input("{}"));
        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        assertThat(again.startDate()).isEqualTo(first.startDate());
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("n").input("{\"a\":1}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void stopExecutionAbortsIt() {
        String machine = createMachine("wait", WAIT);
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();

        sfn.stopExecution(b -> b.executionArn(execution).error("Halt").cause("by the test"));

        DescribeExecutionResponse stopped = sfn.describeExecution(b -> b.executionArn(execution));
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Halt");
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution)).events()).extracting(HistoryEvent::type)
                .endsWith(HistoryEventType.WAIT_STATE_ABORTED, HistoryEventType.EXECUTION_ABORTED);
    }

    @Test
    void waitForTaskTokenIsCompletedBySendTaskSuccess() throws InterruptedException {
        String machine = createMachine("callback", CALLBACK);
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{}")).executionArn();
        String token = server.issuedTokens().poll(10, TimeUnit.SECONDS);
        assertThat(token).isNotNull();

        sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\":true}"));

        DescribeExecutionResponse done = Await.end(sfn, execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"approved\":true}");
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .as("the task was answered already").isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken("A".repeat(43)).error("E")))
                .as("well-formed but never issued").isInstanceOf(TaskDoesNotExistException.class);
    }

    @Test
    void answeringATaskAfterItsTimeoutIsTaskTimedOut() throws InterruptedException {
        String definition = CALLBACK.replace("\"End\":true", "\"TimeoutSeconds\":1,\"End\":true");
        String machine = createMachine("short", definition);
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        String token = server.issuedTokens().poll(10, TimeUnit.SECONDS);

        DescribeExecutionResponse done = Await.end(sfn, execution);

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Timeout");
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void sendTaskFailureFailsTheExecution() throws InterruptedException {
        String machine = createMachine("callback", CALLBACK);
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        String token = server.issuedTokens().poll(10, TimeUnit.SECONDS);

        sfn.sendTaskFailure(b -> b.taskToken(token).error("Rejected").cause("no"));

        DescribeExecutionResponse done = Await.end(sfn, execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Rejected");
    }

    @Test
    void errorsArriveAsTheSdksTypedExceptions() {
        String machine = createMachine("pass", PASS);

        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("bad").definition("{\"StartAt\":\"X\"}").roleArn(ROLE)))
                .isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("pass").definition(WAIT).roleArn(ROLE)))
                .isInstanceOfSatisfying(SfnException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("StateMachineAlreadyExists"));
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("r").definition(PASS).roleArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn("nonsense")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine + "-missing")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).input("{not json")))
                .isInstanceOf(InvalidExecutionInputException.class);
        String huge = "{\"a\":\"" + "x".repeat(256 * 1024) + "\"}";
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).input(huge)))
                .isInstanceOf(InvalidExecutionInputException.class);
        sfn.startExecution(b -> b.stateMachineArn(machine).name("once"));
        assertThatThrownBy(() -> {
            Await.end(sfn, machine.replace(":stateMachine:", ":execution:") + ":once");
            sfn.startExecution(b -> b.stateMachineArn(machine).name("once"));
        }).isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void expressMachinesRunSynchronously() {
        String definition = """
                {"StartAt":"Echo","States":{"Echo":{"Type":"Task","Resource":"%s","End":true}}}"""
                .formatted(LocalServer.ECHO_LAMBDA);
        String machine = sfn.createStateMachine(b -> b.name("express").definition(definition).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();

        StartSyncExecutionResponse result = sfn.startSyncExecution(b -> b.stateMachineArn(machine)
                .input("{\"hello\":\"world\"}"));

        assertThat(result.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(result.executionArn()).startsWith("arn:aws:states:us-east-1:123456789012:express:express:");
        assertThat(result.billingDetails().billedDurationInMilliseconds()).isPositive();
    }

    @Test
    void tagsOnStateMachines() {
        String machine = sfn.createStateMachine(b -> b.name("tagged").definition(PASS).roleArn(ROLE)
                .tags(t -> t.key("team").value("a"))).stateMachineArn();

        sfn.tagResource(b -> b.resourceArn(machine).tags(t -> t.key("env").value("dev")));
        sfn.untagResource(b -> b.resourceArn(machine).tagKeys("team"));

        assertThat(sfn.listTagsForResource(b -> b.resourceArn(machine)).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("env=dev");
    }
}
