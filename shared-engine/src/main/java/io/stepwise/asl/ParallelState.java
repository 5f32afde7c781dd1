package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.PayloadTemplate;
import java.util.List;

public record ParallelState(
        StateCommon common, List<Workflow> branches, PayloadTemplate parameters, PayloadTemplate resultSelector,
        DataPath resultPath, ErrorHandling errorHandling, JsonNode arguments) implements State {
    public ParallelState {
        branches = List.copyOf(branches);
    }
}
