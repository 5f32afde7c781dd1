package io.stepwise.asl;

import java.util.List;

/** @param defaultNext the {@code Default} state, or {@code null} */
public record ChoiceState(StateCommon common, List<ChoiceBranch> choices, String defaultNext) implements State {
    public ChoiceState {
        choices = List.copyOf(choices);
    }
}
