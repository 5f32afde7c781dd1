package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.IntegrationPattern;
import io.stepwise.asl.ResourceArn;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskResourceTest {

    /** One example per permitted {@link ResourceArn} subtype; a new subtype without one fails the first test. */
    private static final Map<Class<?>, String> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put(ResourceArn.ServiceIntegration.class, "arn:aws:states:::sqs:sendMessage.waitForTaskToken");
        EXAMPLES.put(ResourceArn.LambdaFunction.class, "arn:aws:lambda:us-east-1:123456789012:function:F");
        EXAMPLES.put(ResourceArn.Activity.class, "arn:aws:states:us-east-1:123456789012:activity:A");
        EXAMPLES.put(ResourceArn.OtherArn.class, "arn:aws:sns:us-east-1:123456789012:topic");
    }

    @Test
    void everyResourceArnSubtypeIsDispatched() {
        assertThat(EXAMPLES.keySet()).containsExactlyInAnyOrder(ResourceArn.class.getPermittedSubclasses());
        for (Map.Entry<Class<?>, String> example : EXAMPLES.entrySet()) {
            assertThat(ResourceArn.parse(example.getValue())).get().isInstanceOf(example.getKey());
            assertThat(TaskResource.of(example.getValue()).arn()).isEqualTo(example.getValue());
        }
    }

    @Test
    void kindsAndHistoryNames() {
        assertThat(TaskResource.of(EXAMPLES.get(ResourceArn.ServiceIntegration.class))).isEqualTo(new TaskResource(
                TaskResource.Kind.SERVICE, "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "sqs",
                "sendMessage.waitForTaskToken", IntegrationPattern.WAIT_FOR_TASK_TOKEN));
        assertThat(TaskResource.of("arn:aws:states:::aws-sdk:s3:getObject").resourceType()).isEqualTo("aws-sdk:s3");
        assertThat(TaskResource.of(EXAMPLES.get(ResourceArn.LambdaFunction.class)).kind())
                .isEqualTo(TaskResource.Kind.LAMBDA_FUNCTION);
        assertThat(TaskResource.of(EXAMPLES.get(ResourceArn.Activity.class)).kind())
                .isEqualTo(TaskResource.Kind.ACTIVITY);
        assertThat(TaskResource.of(EXAMPLES.get(ResourceArn.OtherArn.class)).resourceType()).isEqualTo("unknown");
        assertThat(TaskResource.of("not an arn").resourceType()).isEqualTo("unknown");
    }

    @Test
    void onlyCallbacksWaitForTheirToken() {
        assertThat(TaskResource.of("arn:aws:states:::sqs:sendMessage.waitForTaskToken").waitsForTaskToken()).isTrue();
        assertThat(TaskResource.of("arn:aws:states:::lambda:invoke").waitsForTaskToken()).isFalse();
        assertThat(TaskResource.of("arn:aws:states:::states:startExecution.sync").waitsForTaskToken()).isFalse();
    }
}
