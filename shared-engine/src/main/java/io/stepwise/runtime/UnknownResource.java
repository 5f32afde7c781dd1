package io.stepwise.runtime;

import io.stepwise.asl.ResourceArn;
import java.util.Optional;

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
            return "Function not found: " + resource + " (Service: Lambda, Status Code: 404, Request ID: local)";
        }
        return "No integration is configured for resource '" + resource + "'.";
    }

    /** A function or other Lambda ARN, which AWS resolves as Lambda does: a missing one is not found. */
    private static boolean isLambdaArn(ResourceArn arn) {
        return arn instanceof ResourceArn.LambdaFunction
                || arn instanceof ResourceArn.OtherArn other && other.service().equals("lambda");
    }
}
