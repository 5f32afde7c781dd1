package io.stepwise.engine;

/**
 * How a Task's {@code Resource} ARN shows in history: a plain Lambda function ARN emits
 * {@code LambdaFunction*} events, an activity {@code Activity*} events, and a service integration
 * ({@code arn:aws:states:::service:action[.pattern]}) {@code Task*} events with AWS's
 * {@code resourceType}/{@code resource} split.
 */
public record TaskResource(Kind kind, String arn, String resourceType, String resource) {

    public enum Kind { LAMBDA_FUNCTION, ACTIVITY, SERVICE }

    public static TaskResource of(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length >= 6 && "lambda".equals(parts[2]) && parts[5].startsWith("function")) {
            return new TaskResource(Kind.LAMBDA_FUNCTION, arn, "lambda", arn);
        }
        if (parts.length >= 6 && "states".equals(parts[2]) && parts[5].startsWith("activity")) {
            return new TaskResource(Kind.ACTIVITY, arn, "activity", arn);
        }
        if (parts.length >= 6 && "states".equals(parts[2]) && parts[3].isEmpty()) {
            String rest = arn.substring(arn.indexOf(":::") + 3);
            int lastColon = rest.lastIndexOf(':');
            if (lastColon > 0) {
                return new TaskResource(Kind.SERVICE, arn, rest.substring(0, lastColon), rest.substring(lastColon + 1));
            }
        }
        return new TaskResource(Kind.SERVICE, arn, "unknown", arn);
    }

    public boolean waitsForTaskToken() {
        return arn.endsWith(".waitForTaskToken");
    }

    /** The history event type prefix: {@code LambdaFunction}, {@code Activity} or {@code Task}. */
    public String eventPrefix() {
        return switch (kind) {
            case LAMBDA_FUNCTION -> "LambdaFunction";
            case ACTIVITY -> "Activity";
            case SERVICE -> "Task";
        };
    }
}
