package io.stepwise.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PendingRefTest {
    private static final PendingRef.Task TASK = new PendingRef.Task("root/Map/3", 17);

    /** The stored form of each kind, which executions already stored hold: it must not change. */
    private static final Map<Class<?>, Map.Entry<PendingRef, String>> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put(PendingRef.Task.class, Map.entry(TASK, "root/Map/3#task17"));
        EXAMPLES.put(PendingRef.TaskTimeout.class, Map.entry(new PendingRef.TaskTimeout(TASK),
                "root/Map/3#task17#timeout"));
        EXAMPLES.put(PendingRef.Heartbeat.class, Map.entry(new PendingRef.Heartbeat(TASK, 21, 1700000000123L),
                "root/Map/3#task17#heartbeat21.1700000000123"));
        EXAMPLES.put(PendingRef.Retry.class, Map.entry(new PendingRef.Retry("root", 9, 2), "root#retry9.2"));
        EXAMPLES.put(PendingRef.Wait.class, Map.entry(new PendingRef.Wait("root/P/0", 4, 6), "root/P/0#wait4.6"));
        EXAMPLES.put(PendingRef.ExecutionTimeout.class, Map.entry(new PendingRef.ExecutionTimeout(),
                "execution#timeout"));
    }

    @Test
    void everyKindHasItsStoredFormAndReadsBack() {
        assertThat(EXAMPLES.keySet()).containsExactlyInAnyOrder(PendingRef.class.getPermittedSubclasses());
        for (Map.Entry<PendingRef, String> example : EXAMPLES.values()) {
            assertThat(example.getKey().text()).isEqualTo(example.getValue());
            assertThat(PendingRef.parse(example.getValue())).contains(example.getKey());
        }
    }

    @Test
    void branchIds() {
        assertThat(new PendingRef.Heartbeat(TASK, 1, 2).branchId()).isEqualTo("root/Map/3");
        assertThat(new PendingRef.TaskTimeout(TASK).branchId()).isEqualTo("root/Map/3");
        assertThat(new PendingRef.ExecutionTimeout().branchId()).isNull();
    }

    /** State names may hold '#', and so may the branch ids built from them. */
    @Test
    void branchIdsMayHoldTheSeparator() {
        PendingRef.Task task = new PendingRef.Task("root/Fan#task3/0", 12);
        PendingRef.Heartbeat heartbeat = new PendingRef.Heartbeat(task, 13, 5);

        assertThat(PendingRef.parse(task.text())).contains(task);
        assertThat(PendingRef.parse(heartbeat.text())).contains(heartbeat);
        assertThat(PendingRef.parse("root/W#wait1.2/1#retry5.1"))
                .contains(new PendingRef.Retry("root/W#wait1.2/1", 5, 1));
    }

    @Test
    void heartbeatsBeforeTheEpochReadBack() {
        PendingRef.Heartbeat early = new PendingRef.Heartbeat(TASK, 3, -1000);

        assertThat(PendingRef.parse(early.text())).contains(early);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "root", "#task1", "root#task", "root#taskX", "root#task-1", "root#retry1",
            "root#wait1.x", "root#timeout", "root#retry1.2#timeout", "root#other1", "continue#1"})
    void foreignTextDoesNotParse(String text) {
        assertThat(PendingRef.parse(text)).isEmpty();
    }
}
