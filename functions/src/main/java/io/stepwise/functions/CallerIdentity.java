package io.stepwise.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

/**
 * Who called the API, as API Gateway's {@code AWS_IAM} authorisation established it: the signing principal's ARN
 * (an IAM user, or {@code arn:aws:sts::…:assumed-role/…} for a role session) and its account.
 */
public record CallerIdentity(String userArn, String accountId) {
    public static final CallerIdentity UNKNOWN = new CallerIdentity(null, null);

    static CallerIdentity of(APIGatewayProxyRequestEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getIdentity() == null) {
            return UNKNOWN;
        }
        return new CallerIdentity(context.getIdentity().getUserArn(), context.getIdentity().getAccountId());
    }
}
