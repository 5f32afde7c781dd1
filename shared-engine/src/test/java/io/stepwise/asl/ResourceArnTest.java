package io.stepwise.asl;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.ResourceArn.Activity;
import io.stepwise.asl.ResourceArn.LambdaFunction;
import io.stepwise.asl.ResourceArn.OtherArn;
import io.stepwise.asl.ResourceArn.ServiceIntegration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceArnTest {

    private static ResourceArn parse(String text) {
        return ResourceArn.parse(text).orElseThrow();
    }

    @Nested
    class ServiceIntegrations {
        @ParameterizedTest
        @CsvSource({
                "arn:aws:states:::lambda:invoke, lambda, invoke, REQUEST_RESPONSE",
                "arn:aws:states:::lambda:invoke.waitForTaskToken, lambda, invoke, WAIT_FOR_TASK_TOKEN",
                "arn:aws:states:::states:startExecution.sync, states, startExecution, RUN_JOB",
                "arn:aws:states:::states:startExecution.sync:2, states, startExecution, RUN_JOB_V2",
                "arn:aws:states:::sqs:sendMessage.waitForTaskToken, sqs, sendMessage, WAIT_FOR_TASK_TOKEN",
                "arn:aws:states:::emr-serverless:startJobRun.sync, emr-serverless, startJobRun, RUN_JOB",
                "arn:aws:states:::http:invoke, http, invoke, REQUEST_RESPONSE",
        })
        void optimizedIntegrations(String text, String service, String action, IntegrationPattern pattern) {
            assertThat(parse(text)).isEqualTo(new ServiceIntegration(text, "aws", false, service, action, pattern));
        }

        @Test
        void awsSdkIntegrationsNameTheServiceAfterTheirPrefix() {
            ServiceIntegration sdk = (ServiceIntegration) parse("arn:aws:states:::aws-sdk:s3:getObject");

            assertThat(sdk.awsSdk()).isTrue();
            assertThat(sdk.service()).isEqualTo("s3");
            assertThat(sdk.action()).isEqualTo("getObject");
            assertThat(sdk.pattern()).isEqualTo(IntegrationPattern.REQUEST_RESPONSE);
            assertThat(sdk.resourceType()).isEqualTo("aws-sdk:s3");
            assertThat(sdk.resource()).isEqualTo("getObject");
            assertThat(sdk.is("s3", "getObject")).isFalse();
        }

        @Test
        void awsSdkIntegrationsTakeAPattern() {
            ServiceIntegration sdk =
                    (ServiceIntegration) parse("arn:aws:states:::aws-sdk:sfn:startExecution.waitForTaskToken");

            assertThat(sdk.service()).isEqualTo("sfn");
            assertThat(sdk.action()).isEqualTo("startExecution");
            assertThat(sdk.pattern()).isEqualTo(IntegrationPattern.WAIT_FOR_TASK_TOKEN);
        }

        /** History's resourceType/resource split keeps the whole pattern suffix with the action. */
        @Test
        void historyNamesTheActionWithItsSuffix() {
            ServiceIntegration sync2 = (ServiceIntegration) parse("arn:aws:states:::states:startExecution.sync:2");

            assertThat(sync2.resourceType()).isEqualTo("states");
            assertThat(sync2.resource()).isEqualTo("startExecution.sync:2");
            assertThat(sync2.is("states", "startExecution")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"aws-cn", "aws-us-gov", "aws-iso"})
        void otherPartitions(String partition) {
            ResourceArn arn = parse("arn:" + partition + ":states:::lambda:invoke");

            assertThat(arn.partition()).isEqualTo(partition);
            assertThat(arn).isInstanceOf(ServiceIntegration.class);
        }

        /** An unknown action still parses: whether it exists is the validator's question. */
        @Test
        void unknownActionsParse() {
            assertThat(parse("arn:aws:states:::lambda:frobnicate")).isInstanceOf(ServiceIntegration.class);
            assertThat(parse("arn:aws:states:::states:startExecution.sync:3"))
                    .isEqualTo(new ServiceIntegration("arn:aws:states:::states:startExecution.sync:3", "aws", false,
                            "states", "startExecution.sync:3", IntegrationPattern.REQUEST_RESPONSE));
        }
    }

    @Test
    void lambdaFunctions() {
        assertThat(parse("arn:aws:lambda:us-east-1:123456789012:function:Hello")).isEqualTo(new LambdaFunction(
                "arn:aws:lambda:us-east-1:123456789012:function:Hello", "aws", "us-east-1", "123456789012", "Hello",
                null));
        LambdaFunction qualified =
                (LambdaFunction) parse("arn:aws-cn:lambda:cn-north-1:123456789012:function:Hello:$LATEST");
        assertThat(qualified.name()).isEqualTo("Hello");
        assertThat(qualified.qualifier()).isEqualTo("$LATEST");
        assertThat(qualified.partition()).isEqualTo("aws-cn");
        assertThat(qualified.pattern()).isEqualTo(IntegrationPattern.REQUEST_RESPONSE);
    }

    @Test
    void activities() {
        assertThat(parse("arn:aws:states:us-east-1:123456789012:activity:Worker")).isEqualTo(new Activity(
                "arn:aws:states:us-east-1:123456789012:activity:Worker", "aws", "us-east-1", "123456789012",
                "Worker"));
    }

    @Test
    void otherArnsKeepTheirParts() {
        assertThat(parse("arn:aws:sns:us-east-1:123456789012:topic")).isEqualTo(new OtherArn(
                "arn:aws:sns:us-east-1:123456789012:topic", "aws", "sns", "us-east-1", "123456789012", "topic"));
        assertThat(parse("arn:aws:lambda:us-east-1:123456789012:layer:L")).isInstanceOf(OtherArn.class);
        // A states ARN with a region or account is not an integration.
        assertThat(parse("arn:aws:states:us-east-1::lambda:invoke")).isInstanceOf(OtherArn.class);
        assertThat(parse("arn:aws:states::123456789012:lambda:invoke")).isInstanceOf(OtherArn.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "arn:aws:states", "arn:aws:states:::", "arn:aws:states:::lambda",
            "arn:aws:states:::lambda:", "arn:aws:states:::aws-sdk:s3", "arn:aws:states:::aws-sdk::getObject",
            "arn:AWS:lambda:us-east-1:1:function:f", "arn:aws:lambda:us-east-1:12a:function:f",
            "arn:aws:states:::.waitForTaskToken"})
    void notResourceArns(String text) {
        assertThat(ResourceArn.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "arn:aws:states:::lambda:invoke, REQUEST_RESPONSE",
            "x.sync, RUN_JOB",
            "x.sync:2, RUN_JOB_V2",
            "x.sync:3, REQUEST_RESPONSE",
            "x.waitForTaskToken, WAIT_FOR_TASK_TOKEN",
            "x.waitForTaskToken.sync, RUN_JOB",
    })
    void patternsComeFromTheSuffix(String text, IntegrationPattern pattern) {
        assertThat(IntegrationPattern.ofSuffix(text)).isEqualTo(pattern);
    }
}
