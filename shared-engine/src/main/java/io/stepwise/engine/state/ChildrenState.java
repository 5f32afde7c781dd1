package io.stepwise.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/** Progress of a Parallel or Map state's children. Finished children are dropped; their results stay. */
public final class ChildrenState {
    /** Children still running. */
    public List<BranchState> active = new ArrayList<>();
    public int total;
    public int launched;
    public int succeeded;
    public int failed;
    /** One slot per child, filled as they succeed. */
    public ArrayNode results;
    /** Map: the items, after ItemsPath. */
    public ArrayNode items;
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
}
