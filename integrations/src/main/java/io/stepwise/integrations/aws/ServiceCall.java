package io.stepwise.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.IntegrationPattern;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.query.StatesErrors;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs one service call for a Task and reports it as the Task's outcome: the response, or — for
 * {@code .waitForTaskToken} — {@link TaskOutcome.Pending} once the call succeeded (the result then comes through
 * SendTaskSuccess/Failure); a refused call fails the task with the service's error name.
 */
public final class ServiceCall {
    private ServiceCall() {
    }

    public static TaskOutcome run(TaskRequest request, ErrorNames errors, Function<TaskRequest, JsonNode> call) {
        try {
            JsonNode output = call.apply(request);
            return IntegrationPattern.ofSuffix(request.resource()) == IntegrationPattern.WAIT_FOR_TASK_TOKEN ? new TaskOutcome.Pending()
                    : new TaskOutcome.Succeeded(output);
        } catch (RefusedResponse e) {
            return new TaskOutcome.Failed(e.error(), e.getMessage());
        } catch (InvalidParameter e) {
            return new TaskOutcome.Failed(StatesErrors.TASK_FAILED, e.getMessage());
        } catch (AwsServiceException e) {
            return new TaskOutcome.Failed(errors.of(e), errors.cause(e));
        } catch (SdkClientException e) {
            return new TaskOutcome.Failed(errors.client(), e.getMessage());
        }
    }

    /** The Task's {@code Credentials.RoleArn}, or {@code null} to call with the configured credentials. */
    public static String roleArn(TaskRequest request) {
        JsonNode credentials = request.credentials();
        if (credentials == null || !credentials.path("RoleArn").isTextual()) {
            return null;
        }
        return credentials.path("RoleArn").textValue();
    }

    /**
     * The credentials a Task's call runs with: its {@code Credentials.RoleArn} when it names one, assumed with the
     * state machine's role where that is assumed; else the state machine's role when the settings assume it; else
     * {@code null} for the configured credentials. They are resolved here, so a role that cannot be assumed fails
     * the task with {@code States.TaskFailed} naming the role, not with the service's error.
     */
    public static AwsCredentialsProvider credentials(AwsClients clients, TaskRequest request) {
        String session = sessionName(request);
        String executionRole = clients.settings().assumeStateMachineRole() ? request.executionRoleArn() : null;
        String taskRole = roleArn(request);
        AwsCredentialsProvider credentials = executionRole == null ? null
                : clients.assumed(executionRole, session, null);
        if (taskRole != null) {
            credentials = clients.assumed(taskRole, session, credentials);
        }
        if (credentials == null) {
            return null;
        }
        try {
            credentials.resolveCredentials();
        } catch (SdkException e) {
            String role = taskRole != null ? taskRole : executionRole;
            throw new RefusedResponse(StatesErrors.TASK_FAILED, "Unable to assume the role '" + role + "': "
                    + e.getMessage());
        }
        return credentials;
    }

    /** A session name for an assumed role: the execution's name, as it is unique and says who called. */
    public static String sessionName(TaskRequest request) {
        String arn = request.executionArn() == null ? "" : request.executionArn();
        String name = arn.substring(arn.lastIndexOf(':') + 1).replaceAll("[^\\w+=,.@-]", "-");
        if (name.isEmpty()) {
            name = "stepwise";
        }
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
