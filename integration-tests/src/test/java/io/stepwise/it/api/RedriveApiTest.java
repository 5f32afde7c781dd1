package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** RedriveExecution through the SDK: a failed callback task is re-run and the execution then succeeds. */
class RedriveApiTest extends ApiServerTest {
    private static final String DEFINITION = """
            {"StartAt":"Prepare","States":{
              "Prepare":{"Type":"Pass","Result":{"n":1},"Next":"Ask"},
              "Ask":{"Type":"Task","Resource":"%s",
                     "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}"""
            .formatted(LocalServer.CALLBACK);

    private String token() throws InterruptedException {
        String token = server.issuedTokens().poll(5, TimeUnit.SECONDS);
        assertThat(token).as("a task token").isNotNull();
        return token;
    }

    @Test
    void aFailedExecutionRestartsFromTheFailedStateAndCountsTheRedrive() throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("redrive").definition(DEFINITION).roleArn(ROLE))
                .stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        String first = token();
        sfn.sendTaskFailure(b -> b.taskToken(first).error("Downstream").cause("down"));
        DescribeExecutionResponse failed = Await.end(sfn, execution);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.redriveCount()).isZero();
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions()).singleElement()
                .satisfies(item -> {
                    assertThat(item.redriveCount()).as("ListExecutions says 0 for a never-redriven one").isZero();
                    assertThat(item.redriveDate()).isNull();
                });
        assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);

        assertThat(sfn.redriveExecution(b -> b.executionArn(execution)).redriveDate()).isNotNull();
        String second = token();
        DescribeExecutionResponse running = sfn.describeExecution(b -> b.executionArn(execution));
        assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(running.stopDate()).isNull();
        assertThat(running.redriveCount()).isEqualTo(1);
        assertThat(running.redriveDate()).isNotNull();
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions()).singleElement()
                .satisfies(item -> {
                    assertThat(item.redriveCount()).isEqualTo(1);
                    assertThat(item.redriveDate()).isEqualTo(running.redriveDate());
                });
        sfn.sendTaskSuccess(b -> b.taskToken(second).output("{\"ok\":true}"));

        DescribeExecutionResponse done = Await.end(sfn, execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"ok\":true}");
        assertThat(done.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
        var events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
        assertThat(events).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.EXECUTION_FAILED,
                HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.TASK_STATE_ENTERED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.PASS_STATE_ENTERED).hasSize(1);
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN).singleElement()
                .satisfies(e -> assertThat(e.executionRedrivenEventDetails().redriveCount()).isEqualTo(1));
    }

    @Test
    void runningAndSucceededExecutionsAreNotRedrivable() throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("redrive").definition(DEFINITION).roleArn(ROLE))
                .stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        String token = token();

        assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(execution)))
                .isInstanceOf(ExecutionNotRedrivableException.class).hasMessageContaining("RUNNING");
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}"));
        Await.end(sfn, execution);
        assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(execution)))
                .isInstanceOf(ExecutionNotRedrivableException.class).hasMessageContaining("SUCCEEDED");
    }
}
