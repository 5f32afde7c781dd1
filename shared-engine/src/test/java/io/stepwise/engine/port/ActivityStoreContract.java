package io.stepwise.engine.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ActivityStore} adapter must do. */
public abstract class ActivityStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private ActivityStore store;

    protected abstract ActivityStore createStore();

    @BeforeEach
    void setUp() {
        store = createStore();
    }

    private static ActivityRecord activity(String name) {
        return new ActivityRecord("arn:aws:states:us-east-1:123456789012:activity:" + name, name, T0,
                Map.of("k", "v"), new EncryptionConfiguration(EncryptionConfiguration.CUSTOMER_MANAGED_KMS_KEY, "key", 300));
    }

    @Test
    void createFindDelete() {
        ActivityRecord a = activity("a");
        assertThat(store.create(a)).isTrue();
        assertThat(store.create(a)).isFalse();
        assertThat(store.find(a.arn())).contains(a);
        assertThat(store.delete(a.arn())).isTrue();
        assertThat(store.delete(a.arn())).isFalse();
        assertThat(store.find(a.arn())).isEmpty();
    }

    @Test
    void updateReplacesOnlyTheExpectedRecord() {
        ActivityRecord a = activity("a");
        store.create(a);
        ActivityRecord tagged = a.withTags(Map.of("k", "w"));
        assertThat(store.update(a, tagged)).isTrue();
        assertThat(store.find(a.arn())).contains(tagged);
        assertThat(store.update(a, a.withTags(Map.of()))).as("stale expected record").isFalse();
        assertThat(store.find(a.arn())).contains(tagged);
        assertThat(store.update(activity("none"), activity("none"))).isFalse();
    }

    @Test
    void listPagesByName() {
        for (String name : List.of("b", "c", "a")) {
            store.create(activity(name));
        }
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            Page<ActivityRecord> page = store.list(2, token);
            page.items().forEach(a -> names.add(a.name()));
            token = page.nextToken();
        } while (token != null);
        assertThat(names).containsExactly("a", "b", "c");
    }
}
