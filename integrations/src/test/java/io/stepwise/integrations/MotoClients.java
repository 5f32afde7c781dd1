package io.stepwise.integrations;

import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.SdkClient;

/**
 * Clients of the moto server opened before each test and closed after it, for a test that registers it with
 * {@code @RegisterExtension}. Without moto the test is skipped and says why ({@link Moto#endpoint()}).
 */
public final class MotoClients implements BeforeEachCallback, AfterEachCallback {
    private AwsClients clients;

    @Override
    public void beforeEach(ExtensionContext context) {
        clients = Moto.clients();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (clients != null) {
            clients.close();
            clients = null;
        }
    }

    /** The clients the code under test calls with. */
    public AwsClients clients() {
        return clients;
    }

    /** A client of the test's own, to arrange and inspect what the code under test did. */
    public <C extends SdkClient> C client(AwsService service) {
        return Moto.client(clients, service);
    }
}
