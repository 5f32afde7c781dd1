package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.Tag;

/** Asynchronous Express executions keep nothing to describe; activities list the tags they were created with. */
class ExpressAndActivityTagsApiTest extends ApiServerTest {
    @Test
    void anAsynchronousExpressExecutionRunsInMemoryWithNoHistoryToRead() throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("fast").type(StateMachineType.EXPRESS).roleArn(ROLE)
                .definition("""
                        {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"%s",
                          "Parameters":{"QueueUrl":"q","MessageBody":"x"},"End":true}}}"""
                        .formatted(LocalServer.ECHO_LAMBDA))).stateMachineArn();

        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("same")).executionArn();
        String again = sfn.startExecution(b -> b.stateMachineArn(machine).name("same")).executionArn();

        assertThat(execution).startsWith("arn:aws:states:us-east-1:123456789012:express:fast:same:");
        assertThat(again).as("Express names may repeat").isNotEqualTo(execution);
        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(execution)))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.getExecutionHistory(b -> b.executionArn(execution)))
                .isInstanceOf(InvalidArnException.class);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions()).isEmpty();
    }

    @Test
    void listTagsForResourceReadsAnActivitysTags() {
        String activity = sfn.createActivity(b -> b.name("worker").tags(Tag.builder().key("team").value("a").build()))
                .activityArn();

        assertThat(sfn.listTagsForResource(b -> b.resourceArn(activity)).tags())
                .containsExactly(Tag.builder().key("team").value("a").build());
    }
}
