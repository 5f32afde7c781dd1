package io.stepwise.asl.validation;

import io.stepwise.query.jsonata.JsonataAnalysis;

/**
 * Syntax checks for the two expression languages embedded in a definition. The validator only knows
 * where expressions occur; the parsers live in {@code io.stepwise.query} and are plugged in here.
 */
public interface ExpressionChecker {

    /**
     * @param expression an intrinsic function call such as {@code States.Format('{}', $.a)}
     * @throws IllegalArgumentException when it is not a valid call
     */
    void checkIntrinsic(String expression);

    /**
     * @param expressionBody the text between {@code {%} and {@code %}}
     * @return why AWS would refuse the expression (nothing when it would not) and what it references
     */
    JsonataAnalysis analyzeJsonata(String expressionBody);

    /** The real parsers: {@link io.stepwise.query.intrinsic.IntrinsicExpression} and JSONata's. */
    static ExpressionChecker standard() {
        return StandardExpressionChecker.INSTANCE;
    }
}
