package io.stepwise.engine.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/** Progress of a Parallel or Map state's children. Finished children are dropped; their results stay. */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public final class ChildrenState {
    /** Children still running. */
    public List<BranchState> active = new ArrayList<>();
    public int total;
    public int launched;
    public int succeeded;
    public int failed;
    /** One slot per child, filled as they succeed. */
    public ArrayNode results;
    /** Map: the items not launched yet, after ItemsPath, from index {@link #itemsOffset} on. */
    public ArrayNode items;
    /** The index of the first element of {@link #items}: launched items are dropped from the stored state. */
    public int itemsOffset;
    /** Map: the effective input that ItemSelector's {@code $} refers to. */
    public JsonNode selectorInput;
    /** 0 means no limit. */
    public int maxConcurrency;
    /** The event a newly launched child names as its previous event. */
    public long launchSource;
    public long toleratedFailureCount = -1;
    public double toleratedFailurePercentage = -1;
    /** The Map Run's ARN for a distributed Map. */
    public String mapRunArn;

    /**
     * The item at {@code index}, to be launched now. Items before it are no longer needed, so the stored list drops
     * them once they make up half of it: each item is copied at most once more, and a wide Map's state shrinks as
     * it runs instead of carrying every item to the end.
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
