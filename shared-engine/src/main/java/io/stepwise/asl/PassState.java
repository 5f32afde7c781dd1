package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.PayloadTemplate;

/** @param result the fixed {@code Result}, or {@code null} when the state passes its input on */
public record PassState(StateCommon common, JsonNode result, PayloadTemplate parameters, DataPath resultPath)
        implements State {
}
