package io.stepwise.integrations.http;

import io.stepwise.engine.port.TaskRequest;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.ServiceCall;
import io.stepwise.query.Json;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ConnectionState;
import software.amazon.awssdk.services.eventbridge.model.DescribeConnectionResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * EventBridge connections as AWS reads them for an HTTP Task: the connection (its authorization type, state and
 * secret) from EventBridge, its credentials from the Secrets Manager secret EventBridge keeps for it, both with the
 * Task's credentials (the state machine's role, which needs {@code events:DescribeConnection} and
 * {@code secretsmanager:GetSecretValue} on {@code events!connection/*}; AWS's own service reads the connection
 * through {@code events:RetrieveConnectionCredentials}, which only it may call). Read on every call, so a rotated secret or
 * a deauthorized connection takes effect at once.
 */
public final class EventBridgeConnections implements HttpConnections {
    private final AwsClients clients;

    public EventBridgeConnections(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<HttpConnection> find(String connectionArn, TaskRequest request) {
        String name = name(connectionArn);
        if (name == null) {
            return Optional.empty();
        }
        AwsCredentialsProvider credentials = ServiceCall.credentials(clients, request);
        AwsRequestOverrideConfiguration override = credentials == null ? null
                : AwsRequestOverrideConfiguration.builder().credentialsProvider(credentials).build();
        DescribeConnectionResponse connection;
        try {
            EventBridgeClient events = clients.client(AwsService.EVENTBRIDGE);
            connection = events.describeConnection(b -> b.name(name).overrideConfiguration(override));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure(e);
        }
        if (connection.connectionState() != ConnectionState.AUTHORIZED) {
            throw new HttpTaskFailure(HttpInvoke.CONNECTION_INVALID, "The connection " + connectionArn + " is "
                    + connection.connectionStateAsString() + ", not AUTHORIZED");
        }
        try {
            SecretsManagerClient secrets = clients.client(AwsService.SECRETS_MANAGER);
            String secret = secrets.getSecretValue(b -> b.secretId(connection.secretArn())
                    .overrideConfiguration(override)).secretString();
            return Optional.of(HttpConnection.fromSecret(connection.authorizationTypeAsString(), Json.parse(secret)));
        } catch (SdkException e) {
            throw failure(e);
        } catch (IllegalArgumentException e) {
            throw new HttpTaskFailure(HttpInvoke.CONNECTION_INVALID, "The secret of the connection " + connectionArn
                    + " cannot be read: " + e.getMessage());
        }
    }

    /** The connection's name in {@code arn:<partition>:events:<region>:<account>:connection/<name>/<id>}. */
    static String name(String connectionArn) {
        int start = connectionArn.indexOf(":connection/");
        if (!connectionArn.startsWith("arn:") || start < 0) {
            return null;
        }
        String rest = connectionArn.substring(start + ":connection/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static HttpTaskFailure failure(SdkException e) {
        boolean denied = e instanceof AwsServiceException service && service.statusCode() == 403;
        return new HttpTaskFailure(denied ? "Events.ConnectionResource.AccessDenied"
                : "Events.ConnectionResource.InternalError", e.getMessage());
    }
}
