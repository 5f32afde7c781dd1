package io.stepwise.integrations;

import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.AwsSettings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.core.SdkClient;

/**
 * The moto server the tests call: {@code ./test} starts one and exports its endpoint as {@code STEPWISE_MOTO_ENDPOINT}
 * (or the system property {@code stepwise.moto.endpoint}). Without it, tests that need moto are skipped and say so.
 */
public final class Moto {
    public static final String REGION = "us-east-1";

    private Moto() {
    }

    /** The endpoint, or the test is skipped (aborted) with the reason. */
    public static URI endpoint() {
        String endpoint = System.getProperty("stepwise.moto.endpoint", System.getenv("STEPWISE_MOTO_ENDPOINT"));
        Assumptions.assumeTrue(endpoint != null && !endpoint.isBlank(),
                "no moto server: set STEPWISE_MOTO_ENDPOINT (./test starts one) to run the service integration tests");
        return URI.create(endpoint);
    }

    public static AwsSettings settings() {
        return new AwsSettings(REGION, endpoint(), Map.of(), "testing", "testing");
    }

    public static AwsClients clients() {
        return new AwsClients(settings());
    }

    /** A client of the test's own, to arrange and inspect what the integration did. */
    public static <C extends SdkClient> C client(AwsClients clients, AwsService service) {
        return clients.client(service, null, null);
    }
}
