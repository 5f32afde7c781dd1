package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.*;

import io.stepwise.asl.IntegrationPattern;
import io.stepwise.asl.ResourceArn;
import io.stepwise.engine.history.HistoryEventType;
import java.util.Optional;

/**
 * How a Task's {@code Resource} ARN shows in history: a plain Lambda function ARN emits
 * {@code LambdaFunction*} events, an activity {@code Activity*} events, and a service integration
 * ({@code arn:aws:states:::service:action[.pattern]}) {@code Task*} events with AWS's
 * {@code resourceType}/{@code resource} split. Anything else is a service of type {@code unknown}.
 */
public record TaskResource(Kind kind, String arn, String resourceType, String resource, IntegrationPattern pattern) {

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

    /** Dispatch over every permitted {@link ResourceArn} subtype; {@code TaskResourceTest} checks each is here. */
    public static TaskResource of(String arn) {
        Optional<ResourceArn> parsed = ResourceArn.parse(arn);
        if (parsed.isEmpty()) {
            return unknown(arn);
        }
        ResourceArn resource = parsed.get();
        if (resource instanceof ResourceArn.LambdaFunction) {
            return new TaskResource(Kind.LAMBDA_FUNCTION, arn, "lambda", arn, resource.pattern());
        }
        if (resource instanceof ResourceArn.Activity) {
            return new TaskResource(Kind.ACTIVITY, arn, "activity", arn, resource.pattern());
        }
        if (resource instanceof ResourceArn.ServiceIntegration service) {
            return new TaskResource(Kind.SERVICE, arn, service.resourceType(), service.resource(), service.pattern());
        }
        if (resource instanceof ResourceArn.OtherArn) {
            return unknown(arn);
        }
        throw new IllegalStateException("Unhandled resource " + resource);
    }

    private static TaskResource unknown(String arn) {
        return new TaskResource(Kind.SERVICE, arn, "unknown", arn, IntegrationPattern.ofSuffix(arn));
    }

    public boolean waitsForTaskToken() {
        return pattern == IntegrationPattern.WAIT_FOR_TASK_TOKEN;
    }
}
