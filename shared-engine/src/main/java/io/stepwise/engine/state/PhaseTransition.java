package io.stepwise.engine.state;

/** A branch's move from one {@link Phase} to another, one entry of {@link PhaseLifecycle}'s table. */
public record PhaseTransition(Phase from, Phase to) {
}
