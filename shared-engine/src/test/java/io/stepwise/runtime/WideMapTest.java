package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.ExecutionRecord;
import org.junit.jupiter.api.Test;

/**
 * Wide Maps through the durable runner: every commit stays within one DynamoDB transaction. Run with
 * {@code -Dwide.items=10000} to measure; each case prints its commit and state sizes.
 */
class WideMapTest {
    private static final int ITEMS = Integer.getInteger("wide.items", 300);
    /** Stops the Wait cases once every iteration waits, where the state is widest, instead of running them out. */
    private static final boolean PARK = Boolean.getBoolean("wide.park");

    @Test
    void inlineMapOfPass() {
        measure("inline Pass", map("INLINE", "{\"Type\":\"Pass\",\"End\":true}"));
    }

    @Test
    void inlineMapOfWait() {
        measure("inline Wait", map("INLINE", "{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true}"));
    }

    @Test
    void distributedMapOfWait() {
        measure("distributed Wait", map("DISTRIBUTED", "{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true}"));
    }

    @Test
    void distributedMapOfPass() {
        measure("distributed Pass", map("DISTRIBUTED", "{\"Type\":\"Pass\",\"End\":true}"));
    }

    private static void measure(String label, String definition) {
        StringBuilder input = new StringBuilder("[");
        for (int i = 0; i < ITEMS; i++) {
            input.append(i == 0 ? "" : ",").append(i);
        }
        String inputText = input.append(']').toString();
        WideMapDriver driver = new WideMapDriver();
        long began = System.nanoTime();
        boolean park = PARK && definition.contains("Wait");
        ExecutionRecord record = driver.run(definition, inputText, park);
        long millis = (System.nanoTime() - began) / 1_000_000;
        System.out.println("wide map " + label + (park ? " (parked)" : "") + " x" + ITEMS + ": "
                + driver.store.report() + " wallMillis=" + millis);
        if (Boolean.getBoolean("wide.dump")) {
            System.out.println(driver.store.peakState);
            System.out.println(driver.store.peakRunningParentState);
        }
        assertThat(driver.store.peakItems).isLessThanOrEqualTo(100);
        if (definition.contains("DISTRIBUTED")) {
            // The children are executions of their own: the parent keeps counters, so while the Map runs its state
            // is its input and little more, however many items there are (AWS caps an input at 256 KiB).
            assertThat(driver.store.peakRunningParentStateBytes).isLessThan(inputText.length() + 16 * 1024);
        }
        if (!park) {
            assertThat(record.state().status).as(record.state().error + ": " + record.state().cause)
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }

    private static String map(String mode, String iteration) {
        String execution = mode.equals("DISTRIBUTED") ? ",\"ExecutionType\":\"STANDARD\"" : "";
        return "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemProcessor\":{\"ProcessorConfig\":"
                + "{\"Mode\":\"" + mode + "\"" + execution + "},\"StartAt\":\"S\",\"States\":{\"S\":" + iteration
                + "}},\"End\":true}}}";
    }
}
