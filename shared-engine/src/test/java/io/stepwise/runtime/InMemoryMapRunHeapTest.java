package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.EngineLimits;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.state.ExecutionState;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The heap an in-memory Distributed Map holds while its EXPRESS children run (the path of Express executions and the
 * in-memory conformance suite): a child's record is let go once its parent has its end, so what the run keeps per
 * child is its end (what the Map's result and a ResultWriter read), not its whole state. Run with
 * {@code -Dheap.items=10000} to measure; it prints the peak heap retained while the Map runs.
 */
class InMemoryMapRunHeapTest {
    private static final int ITEMS = Integer.getInteger("heap.items", 2_000);
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** Each child runs three states over an object item, so its state holds what a real child's would. */
    private static final String DEFINITION = """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
              "ItemSelector": {"item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Parameters": {"id.$": "$.item.id", "text.$": "$.item.text"},
                        "Assign": {"seen.$": "$.id"}, "Next": "B"},
                  "B": {"Type": "Pass", "Parameters": {"id.$": "$.id", "length.$": "States.ArrayLength($.text)"},
                        "Next": "C"},
                  "C": {"Type": "Pass", "OutputPath": "$.id", "End": true}}}}}}""";

    @Test
    void expressChildrenOfAnInMemoryMapAreReleasedOnceTheParentHasThem() {
        StringBuilder input = new StringBuilder("[");
        for (int i = 0; i < ITEMS; i++) {
            input.append(i == 0 ? "" : ",").append("{\"id\":").append(i)
                    .append(",\"text\":[\"lorem\",\"ipsum\",\"dolor\",\"sit\",\"amet\"]}");
        }
        String inputText = input.append(']').toString();
        Interpreter interpreter = new Interpreter(DefinitionParser.parse(DEFINITION),
                EngineLimits.AWS.withMaxStepItems(EngineLimits.UNBOUNDED_STEP));
        ExecutionStart start = new ExecutionStart("arn:aws:states:us-east-1:123456789012:execution:m:e", "e",
                "arn:aws:states:us-east-1:123456789012:stateMachine:m", "m", "arn:aws:iam::123456789012:role/r",
                "us-east-1", inputText, T0, 1L);
        InMemoryRunner runner = new InMemoryRunner(resource -> Optional.empty(), new VirtualClock(T0));
        runner.run(interpreter, start);
        long baseline = retained();
        PeakHeap peak = new PeakHeap(Math.max(1, ITEMS / 10));

        long began = System.nanoTime();
        ExecutionState end = runner.run(interpreter, start, event -> { }, peak);
        long millis = (System.nanoTime() - began) / 1_000_000;

        assertThat(end.status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(end.output.size()).isEqualTo(ITEMS);
        assertThat(end.output.get(ITEMS - 1).asInt()).isEqualTo(ITEMS - 1);
        long perChild = (peak.max - baseline) / ITEMS;
        System.out.println("in-memory distributed Map of " + ITEMS + " EXPRESS children: peak retained heap "
                + (peak.max - baseline) / 1024 + " KiB over the baseline (" + perChild + " bytes a child, "
                + peak.samples + " samples), wallMillis=" + millis);
        // A child's kept end (ARN, input and output text) is some hundreds of bytes; its whole state was ~5 KB.
        assertThat(perChild).isLessThan(2_048);
    }

    /** Samples the heap a full collection leaves, every {@code every} triggers the parent takes. */
    private static final class PeakHeap implements StepObserver {
        private final int every;
        private int applied;
        long max;
        int samples;

        PeakHeap(int every) {
            this.every = every;
        }

        @Override
        public void started(ExecutionStart start, Step step) {
        }

        @Override
        public void applied(Trigger trigger, Instant now, Step step) {
            if (++applied % every == 0) {
                max = Math.max(max, retained());
                samples++;
            }
        }
    }

    private static long retained() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
