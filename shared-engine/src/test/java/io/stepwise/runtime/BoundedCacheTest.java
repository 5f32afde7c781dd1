package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.EngineLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void computesEachKeyOnceWhileItStaysCached() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);
        List<String> computed = new ArrayList<>();

        cache.get("a", key -> record(computed, key));
        cache.get("a", key -> record(computed, key));

        assertThat(computed).containsExactly("a");
    }

    @Test
    void dropsTheLeastRecentlyUsedEntryPastItsCapacity() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);
        List<String> computed = new ArrayList<>();
        cache.get("a", key -> record(computed, key));
        cache.get("b", key -> record(computed, key));
        cache.get("a", key -> record(computed, key));

        cache.get("c", key -> record(computed, key));
        cache.get("a", key -> record(computed, key));
        cache.get("b", key -> record(computed, key));

        assertThat(computed).containsExactly("a", "b", "c", "b");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new BoundedCache<>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void interpretersAreSharedPerDefinitionTextAndBounded() {
        Interpreters interpreters = new Interpreters(1, EngineLimits.AWS);
        String one = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
        String two = "{\"StartAt\":\"Q\",\"States\":{\"Q\":{\"Type\":\"Pass\",\"End\":true}}}";

        var first = interpreters.forDefinition(one);
        assertThat(interpreters.forDefinition(one)).isSameAs(first);
        interpreters.forDefinition(two);
        assertThat(interpreters.forDefinition(one)).as("evicted, so parsed again").isNotSameAs(first);
    }

    private static String record(List<String> computed, String key) {
        computed.add(key);
        return key.toUpperCase();
    }
}
