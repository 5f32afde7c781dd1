package io.stepwise.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The caller as a REST API and as an HTTP API (payload format 1.0) with IAM authorisation describe it. */
class CallerIdentityTest {
    private static final String ROLE_SESSION = "arn:aws:sts::111122223333:assumed-role/Deployer/alice";

    @Test
    void aRestApiNamesTheCallerInTheIdentity() {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withRequestContext(
                new APIGatewayProxyRequestEvent.ProxyRequestContext().withIdentity(
                        new APIGatewayProxyRequestEvent.RequestIdentity().withUserArn(ROLE_SESSION)
                                .withCaller("AROAEXAMPLE:alice").withAccountId("111122223333")));

        assertThat(CallerIdentity.of(event))
                .isEqualTo(new CallerIdentity(ROLE_SESSION, "AROAEXAMPLE:alice", "111122223333"));
    }

    @Test
    void anHttpApisIamAuthorizerNamesItUnderAuthorizerIamWhenTheIdentityIsEmpty() {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("192.0.2.1"));
        context.setAuthorizer(Map.of("iam", Map.of("userArn", ROLE_SESSION, "callerId", "AROAEXAMPLE:alice",
                "accountId", "111122223333", "accessKey", "ASIAEXAMPLE")));

        assertThat(CallerIdentity.of(new APIGatewayProxyRequestEvent().withRequestContext(context)))
                .isEqualTo(new CallerIdentity(ROLE_SESSION, "AROAEXAMPLE:alice", "111122223333"));
    }

    @Test
    void noIdentityAndNoAuthorizerIsUnknown() {
        assertThat(CallerIdentity.of(new APIGatewayProxyRequestEvent().withRequestContext(
                new APIGatewayProxyRequestEvent.ProxyRequestContext())).known()).isFalse();
    }
}
