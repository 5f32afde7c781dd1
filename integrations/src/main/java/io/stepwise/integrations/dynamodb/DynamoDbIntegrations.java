package io.stepwise.integrations.dynamodb;

import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.ErrorNames;
import io.stepwise.integrations.aws.SdkOperation;
import io.stepwise.integrations.aws.ServiceAction;
import java.util.function.Function;
import java.util.Set;

/**
 * The optimized Amazon DynamoDB integrations {@code arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem}
 * (request-response only): items and keys in DynamoDB JSON both ways, the output with the HTTP metadata AWS
 * recorded ({@code {"Item": {…}, "SdkHttpMetadata": …, "SdkResponseMetadata": …}}). Declared errors keep their
 * names ({@code DynamoDB.ConditionalCheckFailedException}), others are {@code DynamoDB.AmazonDynamoDBException}.
 */
public final class DynamoDbIntegrations {
    public static final Set<String> ACTIONS = Set.of("getItem", "putItem", "updateItem", "deleteItem");
    static final ErrorNames ERRORS = new ErrorNames("DynamoDB", "AmazonDynamoDBException", true);

    private DynamoDbIntegrations() {
    }

    /** @param action one of {@link #ACTIONS} */
    public static ServiceAction action(AwsClients clients, String action) {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("not an optimized DynamoDB action: " + action);
        }
        SdkOperation operation = SdkOperation.find(AwsService.DYNAMODB, action).orElseThrow();
        return new ServiceAction(clients, AwsService.DYNAMODB, operation, ERRORS,
                (request, parameters) -> parameters, Function.identity(), true);
    }
}
