package io.stepwise.engine.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.StateMachineType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link StateMachineStore} adapter must do. */
public abstract class StateMachineStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private StateMachineStore store;

    protected abstract StateMachineStore createStore();

    @BeforeEach
    void setUp() {
        store = createStore();
    }

    private static StateMachineRecord machine(String name) {
        return new StateMachineRecord("arn:aws:states:us-east-1:123456789012:stateMachine:" + name, name,
                StateMachineType.STANDARD,
                "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}",
                "arn:aws:iam::123456789012:role/r", T0, T0, 1, Map.of("team", "a"),
                new EncryptionConfiguration(EncryptionConfiguration.CUSTOMER_MANAGED_KMS_KEY, "key", 300));
    }

    @Test
    void createdMachineIsFoundAsStored() {
        StateMachineRecord m = machine("m1");
        assertThat(store.create(m)).isTrue();
        assertThat(store.find(m.arn())).contains(m);
        assertThat(store.find(m.arn() + "x")).isEmpty();
    }

    @Test
    void creatingATakenArnChangesNothing() {
        StateMachineRecord m = machine("m1");
        store.create(m);
        assertThat(store.create(m.withDefinition("{}", m.roleArn(), T0))).isFalse();
        assertThat(store.find(m.arn())).contains(m);
    }

    @Test
    void updateReplacesAndDeleteRemoves() {
        StateMachineRecord m = machine("m1");
        store.create(m);
        StateMachineRecord updated = m.withDefinition("{\"x\":1}", "arn:aws:iam::123456789012:role/other",
                T0.plusSeconds(1)).withTags(Map.of()).withObservability(new LoggingConfiguration("ERROR", true,
                List.of("arn:aws:logs:us-east-1:123456789012:log-group:g:*")), true);

        assertThat(store.update(m, updated)).isTrue();
        assertThat(store.find(m.arn())).contains(updated);
        assertThat(store.delete(m.arn())).isTrue();
        assertThat(store.find(m.arn())).isEmpty();
        assertThat(store.delete(m.arn())).isFalse();
        assertThat(store.update(updated, updated)).isFalse();
    }

    @Test
    void updateFromAStaleReadChangesNothing() {
        StateMachineRecord m = machine("m1");
        store.create(m);
        StateMachineRecord tagged = m.withTags(Map.of("team", "b"));
        assertThat(store.update(m, tagged)).isTrue();

        StateMachineRecord stale = m.withDefinition("{\"x\":1}", m.roleArn(), T0.plusSeconds(1));
        assertThat(store.update(m, stale)).isFalse();
        assertThat(store.find(m.arn())).contains(tagged);
    }

    @Test
    void listPagesByName() {
        for (String name : List.of("c", "a", "d", "b", "e")) {
            store.create(machine(name));
        }
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            Page<StateMachineRecord> page = store.list(2, token);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(m -> names.add(m.name()));
            token = page.nextToken();
        } while (token != null);
        assertThat(names).containsExactly("a", "b", "c", "d", "e");
    }
}
