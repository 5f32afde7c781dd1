package io.stepwise.client;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;
import software.amazon.awssdk.services.sfn.auth.scheme.SfnAuthSchemeProvider;

/**
 * The AWS SDK's own {@link SfnClient}, pointed at a Stepwise stack. Its API sits behind API Gateway with
 * {@code AWS_IAM} authorisation, so requests must be signed for service {@code execute-api} instead of
 * {@code states}, and to the API's one host (Step Functions sends StartSyncExecution and TestState to a
 * {@code sync-} host); everything else (operations, JSON 1.0 protocol, errors) is Step Functions' own.
 *
 * <pre>{@code
 * SfnClient sfn = StepwiseSfnClients.builder(URI.create(apiUrl)).region(Region.EU_WEST_1).build();
 * sfn.startExecution(r -> r.stateMachineArn(arn).input("{}"));
 * }</pre>
 */
public final class StepwiseSfnClients {
    /** The SigV4 service name of API Gateway's {@code AWS_IAM} authorisation. */
    public static final String SIGNING_NAME = "execute-api";

    private StepwiseSfnClients() {
    }

    /**
     * A builder for the stack at {@code apiUrl} (the stack's {@code ApiUrl} output, stage included); set the
     * region of the stack and, as with any SDK client, the credentials and HTTP client if the defaults do not fit.
     */
    public static SfnClientBuilder builder(URI apiUrl) {
        return SfnClient.builder().endpointOverride(apiUrl).authSchemeProvider(signingForApiGateway())
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true));
    }

    /** Step Functions' own auth scheme choice, with each SigV4 option's signing name set to {@value #SIGNING_NAME}. */
    public static SfnAuthSchemeProvider signingForApiGateway() {
        SfnAuthSchemeProvider defaults = SfnAuthSchemeProvider.defaultProvider();
        return params -> {
            List<AuthSchemeOption> options = defaults.resolveAuthScheme(params);
            return options.stream()
                    .map(option -> option.toBuilder()
                            .putSignerProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                            .build())
                    .toList();
        };
    }
}
