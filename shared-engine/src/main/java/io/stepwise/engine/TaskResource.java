package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.*;

import io.stepwise.engine.history.HistoryEventType;

/**
 * How a Task's {@code Resource} ARN shows in history: a plain Lambda function ARN emits
 * {@code LambdaFunction*} events, an activity {@code Activity*} events, and a service integration
 * ({@code arn:aws:states:::service:action[.pattern]}) {@code Task*} events with AWS's
 * {@code resourceType}/{@code resource} split.
 */
public record TaskResource(Kind kind, String arn, String resourceType, String resource) {

    /** Each kind with the history events of its lifecycle. */
    public enum Kind {
        LAMBDA_FUNCTION(LAMBDA_FUNCTION_SCHEDULED, LAMBDA_FUNCTION_STARTED, LAMBDA_FUNCTION_SUCCEEDED,
                LAMBDA_FUNCTION_FAILED, LAMBDA_FUNCTION_TIMED_OUT),
        ACTIVITY(ACTIVITY_SCHEDULED, ACTIVITY_STARTED, ACTIVITY_SUCCEEDED, ACTIVITY_FAILED, ACTIVITY_TIMED_OUT),
        SERVICE(TASK_SCHEDULED, TASK_STARTED, TASK_SUCCEEDED, TASK_FAILED, TASK_TIMED_OUT);

        public final HistoryEventType scheduled;
        public final HistoryEventType started;
        public final HistoryEventType succeeded;
        public final HistoryEventType failed;
        public final HistoryEventType timedOut;

        Kind(HistoryEventType scheduled, HistoryEventType started, HistoryEventType succeeded,
             HistoryEventType failed, HistoryEventType timedOut) {
            this.scheduled = scheduled;
            this.started = started;
            this.succeeded = succeeded;
            this.failed = failed;
            this.timedOut = timedOut;
        }
    }

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
}
