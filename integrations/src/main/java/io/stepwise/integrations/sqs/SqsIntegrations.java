package io.stepwise.integrations.sqs;

import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.ErrorNames;
import io.stepwise.integrations.aws.SdkOperation;
import io.stepwise.integrations.aws.ServiceAction;
import io.stepwise.integrations.aws.ServiceParameters;
import java.util.function.Function;

/**
 * The optimized Amazon SQS integration {@code arn:aws:states:::sqs:sendMessage[.waitForTaskToken]}: a JSON
 * MessageBody is sent as its text; the output is SendMessage's response with the HTTP metadata. Every service
 * error is {@code SQS.AmazonSQSException} and a failure to reach SQS {@code SQS.SdkClientException}, the names
 * the AWS integration reports (its error names come from the SDK for Java v1, which names SQS errors by that
 * base class).
 */
public final class SqsIntegrations {
    static final ErrorNames ERRORS = new ErrorNames("SQS", "AmazonSQSException", false);

    private SqsIntegrations() {
    }

    public static ServiceAction sendMessage(AwsClients clients) {
        SdkOperation operation = SdkOperation.find(AwsService.SQS, "sendMessage").orElseThrow();
        return new ServiceAction(clients, AwsService.SQS, operation, ERRORS,
                (request, parameters) -> ServiceParameters.textOf(parameters, "MessageBody"),
                Function.identity(), true);
    }
}
