package io.stepwise.asl.validation;

import io.stepwise.query.intrinsic.IntrinsicExpression;
import io.stepwise.query.jsonata.JsonataAnalysis;
import io.stepwise.query.jsonata.JsonataValidation;

/**
 * Checks expressions with the parsers the interpreter runs: intrinsic calls with
 * {@link IntrinsicExpression#parse}, JSONata with {@link JsonataValidation#analyze}.
 */
final class StandardExpressionChecker implements ExpressionChecker {
    static final StandardExpressionChecker INSTANCE = new StandardExpressionChecker();
    /** The only escapes AWS accepts inside an intrinsic string literal (measured: test_illegal_escapes). */
    private static final String ESCAPABLE = "'{}\\";

    private StandardExpressionChecker() {
    }

    @Override
    public void checkIntrinsic(String expression) {
        checkEscapes(expression);
        IntrinsicExpression.parse(expression);
    }

    @Override
    public JsonataAnalysis analyzeJsonata(String expressionBody) {
        return JsonataValidation.analyze(expressionBody);
    }

    /**
     * The intrinsic parser keeps an unknown escape such as {@code \"} as written, while AWS refuses the
     * definition; escapes other than {@code \' \{ \} \\} inside a string literal are rejected here.
     */
    static void checkEscapes(String expression) {
        boolean inString = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (!inString) {
                inString = c == '\'';
            } else if (c == '\\') {
                if (i + 1 >= expression.length() || ESCAPABLE.indexOf(expression.charAt(i + 1)) < 0) {
                    throw new IllegalArgumentException("illegal escape at " + i + " in " + expression);
                }
                i++;
            } else if (c == '\'') {
                inString = false;
            }
        }
    }
}
