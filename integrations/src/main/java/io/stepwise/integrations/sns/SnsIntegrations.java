package io.stepwise.integrations.sns;

import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.ErrorNames;
import io.stepwise.integrations.aws.SdkOperation;
import io.stepwise.integrations.aws.ServiceAction;
import io.stepwise.integrations.aws.ServiceParameters;
import java.util.function.Function;

/**
 * The optimized Amazon SNS integration {@code arn:aws:states:::sns:publish[.waitForTaskToken]}: a JSON Message is
 * published as its text; the output is Publish's response with the HTTP metadata. Declared errors keep their
 * names ({@code SNS.NotFoundException}), others are {@code SNS.AmazonSNSException} (SDK for Java v1 naming).
 */
public final class SnsIntegrations {
    static final ErrorNames ERRORS = new ErrorNames("SNS", "AmazonSNSException", true);

    private SnsIntegrations() {
    }

    public static ServiceAction publish(AwsClients clients) {
        SdkOperation operation = SdkOperation.find(AwsService.SNS, "publish").orElseThrow();
        return new ServiceAction(clients, AwsService.SNS, operation, ERRORS,
                (request, parameters) -> ServiceParameters.textOf(parameters, "Message"),
                Function.identity(), true);
    }
}
