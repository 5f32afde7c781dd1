package io.stepwise.asl;

public record SucceedState(StateCommon common) implements State {
}
