package io.stepwise.runtime;

/** The task failure for a Resource that no integration serves, named as AWS names a missing function. */
public final class UnknownResource {
    private UnknownResource() {
    }

    public static String error(String resource) {
        if (resource.startsWith("arn:aws:lambda:") || resource.startsWith("arn:aws:states:::lambda:")) {
            return "Lambda.ResourceNotFoundException";
        }
        return "States.TaskFailed";
    }

    public static String cause(String resource) {
        if (resource.startsWith("arn:aws:lambda:")) {
            return "Function not found: " + resource + " (Service: Lambda, Status Code: 404, Request ID: local)";
        }
        return "No integration is configured for resource '" + resource + "'.";
    }
}
