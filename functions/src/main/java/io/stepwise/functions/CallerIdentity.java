package io.stepwise.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.Map;

/**
 * Who called the API, as API Gateway's {@code AWS_IAM} authorisation established it ({@code requestContext.identity}
 * of the proxy event, or an HTTP API's {@code requestContext.authorizer.iam}): the signing principal's ARN (an IAM user, or {@code arn:aws:sts::…:assumed-role/…} for a role
 * session), its principal id ({@code caller}, e.g. {@code AROA…:session}) and its account. The same three fields
 * CloudTrail's {@code userIdentity} gives for a call to AWS Step Functions.
 */
public record CallerIdentity(String userArn, String caller, String accountId) {
    public static final CallerIdentity UNKNOWN = new CallerIdentity(null, null, null);

    static CallerIdentity of(APIGatewayProxyRequestEvent event) {
        var context = event.getRequestContext();
        if (context == null) {
            return UNKNOWN;
        }
        var identity = context.getIdentity();
        CallerIdentity caller = identity == null ? UNKNOWN
                : new CallerIdentity(identity.getUserArn(), identity.getCaller(), identity.getAccountId());
        return caller.known() ? caller : ofIamAuthorizer(context.getAuthorizer());
    }

    /**
     * An HTTP API's IAM authorizer describes the caller under {@code requestContext.authorizer.iam} ({@code userArn},
     * {@code callerId}, {@code accountId}), where its payload format 2.0 puts it, should format 1.0 leave
     * {@code identity} empty.
     */
    private static CallerIdentity ofIamAuthorizer(Map<String, Object> authorizer) {
        if (authorizer == null || !(authorizer.get("iam") instanceof Map<?, ?> iam)) {
            return UNKNOWN;
        }
        return new CallerIdentity(text(iam.get("userArn")), text(iam.get("callerId")), text(iam.get("accountId")));
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }

    public boolean known() {
        return userArn != null || caller != null || accountId != null;
    }
}
