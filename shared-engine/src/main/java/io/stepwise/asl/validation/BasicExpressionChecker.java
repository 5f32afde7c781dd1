package io.stepwise.asl.validation;

/**
 * Catches what AWS rejects most often without a real grammar: intrinsic calls that do not start with
 * {@code States.}, unbalanced parentheses or quotes, and escapes other than {@code \' \{ \} \\} inside
 * intrinsic string literals. JSONata is only required to be non-blank.
 */
final class BasicExpressionChecker implements ExpressionChecker {
    static final BasicExpressionChecker INSTANCE = new BasicExpressionChecker();

    private BasicExpressionChecker() {
    }

    @Override
    public void checkIntrinsic(String expression) {
        if (!expression.startsWith("States.")) {
            throw new IllegalArgumentException("an intrinsic function starts with 'States.'");
        }
        int depth = 0;
        boolean inString = false;
        boolean sawCall = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (inString) {
                if (c == '\\') {
                    if (i + 1 >= expression.length() || "'{}\\".indexOf(expression.charAt(i + 1)) < 0) {
                        throw new IllegalArgumentException("illegal escape at " + i);
                    }
                    i++;
                } else if (c == '\'') {
                    inString = false;
                }
                continue;
            }
            if (depth == 0 && sawCall) {
                throw new IllegalArgumentException("unexpected text after the call at " + i);
            }
            switch (c) {
                case '\'' -> inString = true;
                case '(' -> depth++;
                case ')' -> {
                    if (--depth < 0) {
                        throw new IllegalArgumentException("unbalanced ')' at " + i);
                    }
                    sawCall |= depth == 0;
                }
                default -> { }
            }
        }
        if (inString || depth != 0 || !sawCall) {
            throw new IllegalArgumentException("unterminated intrinsic function call");
        }
    }

    @Override
    public void checkJsonata(String expression) {
        if (expression.isBlank()) {
            throw new IllegalArgumentException("empty JSONata expression");
        }
    }
}
