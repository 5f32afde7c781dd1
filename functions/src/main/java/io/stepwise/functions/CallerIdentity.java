package io.stepwise.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

/**
 * Who called the API, as API Gateway's {@code AWS_IAM} authorisation established it ({@code requestContext.identity}
 * of the proxy event): the signing principal's ARN (an IAM user, or {@code arn:aws:sts::…:assumed-role/…} for a role
 * session), its principal id ({@code caller}, e.g. {@code AROA…:session}) and its account. The same three fields
 * CloudTrail's {@code userIdentity} gives for a call to AWS Step Functions.
 */
public record CallerIdentity(String userArn, String caller, String accountId) {
    public static final CallerIdentity UNKNOWN = new CallerIdentity(null, null, null);

    static CallerIdentity of(APIGatewayProxyRequestEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getIdentity() == null) {
            return UNKNOWN;
        }
        var identity = context.getIdentity();
        return new CallerIdentity(identity.getUserArn(), identity.getCaller(), identity.getAccountId());
    }

    public boolean known() {
        return userArn != null || caller != null || accountId != null;
    }
}
