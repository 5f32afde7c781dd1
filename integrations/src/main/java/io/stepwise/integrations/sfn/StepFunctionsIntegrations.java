package io.stepwise.integrations.sfn;

import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.ErrorNames;
import io.stepwise.integrations.aws.SdkOperation;
import io.stepwise.integrations.aws.ServiceAction;
import io.stepwise.integrations.aws.ServiceParameters;
import java.util.function.Function;

/**
 * The optimized Step Functions integration {@code arn:aws:states:::states:startExecution} in the request-response
 * and {@code .waitForTaskToken} patterns: a JSON {@code Input} is sent as its text; the output is StartExecution's
 * response ({@code ExecutionArn}, {@code StartDate}) with the HTTP metadata. The child runs wherever the
 * {@code states} endpoint points — Stepwise itself when it is configured to its own address.
 *
 * <p>{@code .sync} and {@code .sync:2} are not served here: they complete when the child does, so the runtime
 * serves them on Stepwise itself ({@code io.stepwise.runtime.ChildExecutions} with the API's
 * {@code NestedExecutionStarts}), where the child's end reaches the waiting Task.
 */
public final class StepFunctionsIntegrations {
    static final ErrorNames ERRORS = new ErrorNames("StepFunctions", "AWSStepFunctionsException", true);

    private StepFunctionsIntegrations() {
    }

    public static ServiceAction startExecution(AwsClients clients) {
        SdkOperation operation = SdkOperation.find(AwsService.SFN, "startExecution").orElseThrow();
        return new ServiceAction(clients, AwsService.SFN, operation, ERRORS,
                (request, parameters) -> ServiceParameters.textOf(parameters, "Input"), Function.identity(), true);
    }
}
