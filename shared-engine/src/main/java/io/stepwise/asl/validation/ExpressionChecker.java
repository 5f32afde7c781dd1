package io.stepwise.asl.validation;

/**
 * Syntax checks for the two expression languages embedded in a definition. The validator only knows
 * where expressions occur; the real parsers live elsewhere and are plugged in here.
 */
public interface ExpressionChecker {

    /**
     * @param expression an intrinsic function call such as {@code States.Format('{}', $.a)}
     * @throws IllegalArgumentException when it is not a valid call
     */
    void checkIntrinsic(String expression);

    /**
     * @param expression the text between {@code {%} and {@code %}}
     * @throws IllegalArgumentException when it is not a valid JSONata expression
     */
    void checkJsonata(String expression);

    /** A shallow checker for use until the real parsers are wired in; see {@link BasicExpressionChecker}. */
    static ExpressionChecker basic() {
        return BasicExpressionChecker.INSTANCE;
    }
}
