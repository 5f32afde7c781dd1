package io.stepwise.engine.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.stepwise.asl.StateMachineType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;

/**
 * Progress of a Distributed Map's Map Run, whose iterations are child executions with their own records: the parent
 * keeps counters, not children, so its state does not grow with the number of items. Which children have reported
 * is a watermark (every index below it) plus the few finished indexes above it, which lets a repeated
 * {@code ChildFinished} be recognised and ignored.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public final class MapRunState {
    public String mapRunArn;
    /** What the children's parent links name; the start, collect and stop refs extend it. */
    public String ref;
    /** How many items the Map has; {@code -1} while an ItemReader has more to read. */
    public int total;
    /** How many items were handed to children (with an ItemBatcher, several per child). */
    public int itemsConsumed;
    /** The ItemReader's source ({@code ItemSource}'s fields), or {@code null} when the items come from the input. */
    public JsonNode itemSource;
    /** Where the reader's next page starts; {@code null} before the first. */
    public String cursor;
    /** The page read in flight, or {@code null}. */
    public String readRef;
    /** How many pages were asked for; numbers their refs. */
    public int reads;
    /** The ItemBatcher's settings ({@code maxItems}, {@code maxBytes}, {@code batchInput}), or {@code null}. */
    public JsonNode batcher;
    /** The index the next child gets: children below it have been handed to a start. */
    public int launched;
    public int succeeded;
    public int failed;
    public int timedOut;
    public int aborted;
    /** Every child below this index has reported its end. */
    public int watermark;
    /** Which indexes at or above {@link #watermark} have reported: bit {@code i} is index {@code watermark + i}. */
    @JsonIgnore
    private BitSet reportedAbove = new BitSet();
    /** Child executions at once; 0 means no limit. */
    public int maxConcurrency;
    public long toleratedFailureCount = -1;
    public double toleratedFailurePercentage = -1;
    /** The items not launched yet (from the input, or the reader's current page), from index {@link #itemsOffset} on. */
    public ArrayNode items;
    public int itemsOffset;
    /** The effective input that ItemSelector's {@code $} refers to, when there is an ItemSelector. */
    public JsonNode selectorInput;
    /** The child definition: the ItemProcessor as a state machine. */
    public String definition;
    public StateMachineType executionType;
    /** The start in flight (one at a time), or {@code null}. */
    public String startRef;
    /** How many starts were issued; numbers their refs. */
    public int starts;
    /** The result collection in flight, or {@code null}. */
    public String collectRef;
    /** The ResultWriter's evaluated target, or {@code null} to return the results as the state's result. */
    public JsonNode resultWriter;
    /** How often the parent's redrive redrove this Map Run. */
    public int redriveCount;
    /**
     * The redrive's progress through the children: those from {@code redriveFrom} below {@code redriveEnd} are yet to
     * be handed to a redrive batch (none when the two are equal).
     */
    public int redriveFrom;
    public int redriveEnd;
    /** The redrive batch in flight (one at a time), or {@code null}. */
    public String redriveRef;
    /** How many redrive batches the current redrive issued; numbers their refs. */
    public int redriveBatches;

    /** The indexes of the children that reported failing, timing out or being aborted: a redrive re-runs these. */
    @JsonIgnore
    private BitSet unsuccessful = new BitSet();

    /**
     * Reopens the run for a redrive of its parent: the children that did not succeed run again and report anew, so
     * their failures are forgotten and they count as unreported again; succeeded children stay reported. Whatever
     * was in flight when it stopped is asked for again.
     */
    public void reopenForRedrive() {
        redriveCount++;
        failed = 0;
        timedOut = 0;
        aborted = 0;
        for (int index = unsuccessful.nextSetBit(0); index >= 0; index = unsuccessful.nextSetBit(index + 1)) {
            unreport(index);
        }
        unsuccessful = new BitSet();
        startRef = null;
        readRef = null;
        collectRef = null;
        redriveRef = null;
        redriveBatches = 0;
    }

    /**
     * The children a redrive has yet to hand to a batch and that have not reported: they count among the launched
     * children but do not run.
     */
    public int awaitingRedrive() {
        int from = Math.max(redriveFrom, watermark);
        if (from >= redriveEnd) {
            return 0;
        }
        return redriveEnd - from - reportedAbove.get(from - watermark, redriveEnd - watermark).cardinality();
    }

    /** Records that the child at {@code index} reported an unsuccessful end. */
    public void reportedUnsuccessful(int index) {
        unsuccessful.set(index);
    }

    /** Forgets the report of the child at {@code index}, lowering the watermark below it if need be. */
    private void unreport(int index) {
        if (index < watermark) {
            // Every index from here to the old watermark had reported; they move into the bitmap.
            BitSet lowered = new BitSet();
            lowered.set(0, watermark - index);
            for (int bit = reportedAbove.nextSetBit(0); bit >= 0; bit = reportedAbove.nextSetBit(bit + 1)) {
                lowered.set(bit + watermark - index);
            }
            reportedAbove = lowered;
            watermark = index;
        }
        reportedAbove.clear(index - watermark);
    }

    @JsonProperty("unsuccessful")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private String storedUnsuccessful() {
        return unsuccessful.isEmpty() ? null : Base64.getEncoder().encodeToString(unsuccessful.toByteArray());
    }

    @JsonProperty("unsuccessful")
    private void storedUnsuccessful(String bits) {
        unsuccessful = bits == null ? new BitSet() : BitSet.valueOf(Base64.getDecoder().decode(bits));
    }

    /** Whether every item went to a child (for a reader: its last page was read and used up). */
    public boolean allConsumed() {
        return total >= 0 && itemsConsumed >= total;
    }

    public int finished() {
        return succeeded + failed + timedOut + aborted;
    }

    /** The children that count against the tolerated failures: failed, timed out or aborted. */
    public int failures() {
        return failed + timedOut + aborted;
    }

    public int running() {
        return launched - finished();
    }

    /** Whether the child at {@code index} has reported already. */
    public boolean hasReported(int index) {
        return index < watermark || reportedAbove.get(index - watermark);
    }

    /** Records that the child at {@code index} reported, moving the watermark past every contiguous report. */
    public void reported(int index) {
        reportedAbove.set(index - watermark);
        int contiguous = reportedAbove.nextClearBit(0);
        if (contiguous > 0) {
            watermark += contiguous;
            reportedAbove = reportedAbove.get(contiguous, Math.max(contiguous, reportedAbove.length()));
        }
    }

    /** The indexes launched and not reported: the children that may still run. */
    public List<Integer> unreported() {
        List<Integer> open = new ArrayList<>();
        for (int i = watermark; i < launched; i++) {
            if (!hasReported(i)) {
                open.add(i);
            }
        }
        return open;
    }

    /** Stored as a bitmap (Base64), a bit per child: 10,000 children out of order take 1.7 KB at most. */
    @JsonProperty("reportedAbove")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private String storedReportedAbove() {
        return reportedAbove.isEmpty() ? null : Base64.getEncoder().encodeToString(reportedAbove.toByteArray());
    }

    @JsonProperty("reportedAbove")
    private void storedReportedAbove(String bits) {
        reportedAbove = bits == null ? new BitSet() : BitSet.valueOf(Base64.getDecoder().decode(bits));
    }

    /**
     * The item at {@code index}, to be launched now. Items before it are dropped once they make up half of the stored
     * list, so each item is copied at most once more and the list shrinks as the run goes on.
     */
    public JsonNode item(int index) {
        JsonNode item = items.get(index - itemsOffset);
        ArrayNode rest = LaunchedItems.dropLaunched(items, index - itemsOffset);
        if (rest != items) {
            items = rest;
            itemsOffset = index;
        }
        return item;
    }
}
