package io.stepwise.asl;

import java.util.Optional;

/**
 * A state machine's type, chosen at creation. The constant names are AWS's wire and stored form (a test
 * compares them with the SDK's {@code StateMachineType}).
 */
public enum StateMachineType {
    /** Durable, exactly-once, up to a year; the default. */
    STANDARD,
    /** Short, at-least-once, run in memory: request-response integrations only. */
    EXPRESS;

    /** The type spelled exactly {@code text}, as the API and our stores write it; empty for anything else. */
    public static Optional<StateMachineType> fromWireName(String text) {
        for (StateMachineType type : values()) {
            if (type.name().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
