package io.stepwise.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PendingRefTest {
    private static final PendingRef.Task TASK = new PendingRef.Task("root/Map/3", 17);
    private static final PendingRef.MapRun RUN = new PendingRef.MapRun("root/M/0", 5);

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
        EXAMPLES.put(PendingRef.ChildStop.class, Map.entry(new PendingRef.ChildStop(TASK), "root/Map/3#task17.stop"));
        EXAMPLES.put(PendingRef.MapRun.class, Map.entry(RUN, "root/M/0#maprun5"));
        EXAMPLES.put(PendingRef.MapRunCommand.class, Map.entry(PendingRef.MapRunCommand.redrive(RUN, 1, 2),
                "root/M/0#maprun5.redrive1.2"));
        EXAMPLES.put(PendingRef.ParentNotice.class, Map.entry(new PendingRef.ParentNotice(3), "parent#notify3"));
    }

    /** Every command of a Map Run, as executions already stored hold them. */
    @Test
    void mapRunCommandsHaveTheirStoredFormsAndReadBack() {
        Map<PendingRef, String> commands = Map.of(
                PendingRef.MapRunCommand.start(RUN, 4), "root/M/0#maprun5.start4",
                PendingRef.MapRunCommand.read(RUN, 2), "root/M/0#maprun5.read2",
                PendingRef.MapRunCommand.collect(RUN), "root/M/0#maprun5.collect",
                PendingRef.MapRunCommand.stop(RUN), "root/M/0#maprun5.stop",
                PendingRef.MapRunCommand.redrive(RUN, 0, 1), "root/M/0#maprun5.redrive0.1");
        commands.forEach((ref, text) -> {
            assertThat(ref.text()).isEqualTo(text);
            assertThat(PendingRef.parse(text)).contains(ref);
            assertThat(ref.branchId()).isEqualTo("root/M/0");
        });
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
            "root#wait1.x", "root#timeout", "root#retry1.2#timeout", "root#other1", "continue#1", "root#task1.stop2",
            "root#maprun", "root#maprun5.collect1", "root#maprun5.start", "root#maprun5.redrive1", "root#maprun5.go",
            "parent#notify", "parent#notify-1"})
    void foreignTextDoesNotParse(String text) {
        assertThat(PendingRef.parse(text)).isEmpty();
    }
}
