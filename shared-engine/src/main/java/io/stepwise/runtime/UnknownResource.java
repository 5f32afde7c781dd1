package io.stepwise.runtime;

import io.stepwise.asl.ResourceArn;
import java.util.Optional;
import java.util.UUID;

/** The task failure for a Resource that no integration serves, named as AWS names a missing function. */
public final class UnknownResource {
    private UnknownResource() {
    }

    public static String error(String resource) {
        Optional<ResourceArn> arn = ResourceArn.parse(resource);
        if (arn.isPresent() && (isLambdaArn(arn.get())
                || arn.get() instanceof ResourceArn.ServiceIntegration service && !service.awsSdk()
                        && service.service().equals("lambda"))) {
            return "Lambda.ResourceNotFoundException";
        }
        return "States.TaskFailed";
    }

    public static String cause(String resource) {
        if (ResourceArn.parse(resource).filter(UnknownResource::isLambdaArn).isPresent()) {
            return functionNotFound(resource, UUID.randomUUID().toString());
        }
        return "No integration is configured for resource '" + resource + "'.";
    }

    /**
     * Lambda's answer to invoking a function that does not exist, as Step Functions reports it (SDK for Java v1
     * wording; an unqualified ARN is reported with {@code :$LATEST}).
     */
    public static String functionNotFound(String functionArn, String requestId) {
        String qualified = functionArn.split(":", -1).length >= 8 ? functionArn : functionArn + ":$LATEST";
        return "Function not found: " + qualified + " (Service: AWSLambda; Status Code: 404; Error Code: "
                + "ResourceNotFoundException; Request ID: " + requestId + "; Proxy: null)";
    }

    /** A function or other Lambda ARN, which AWS resolves as Lambda does: a missing one is not found. */
    private static boolean isLambdaArn(ResourceArn arn) {
        return arn instanceof ResourceArn.LambdaFunction
                || arn instanceof ResourceArn.OtherArn other && other.service().equals("lambda");
    }
}
