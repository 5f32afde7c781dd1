package io.stepwise.query.intrinsic;

/**
 * One lexical unit of an intrinsic call. For {@link Kind#STRING} tokens {@code text} is the raw text between
 * the quotes and {@code value} the unescaped string; for all other kinds both are the source text.
 */
record Token(Kind kind, String text, String value, int position) {
    enum Kind { FUNCTION_NAME, LEFT_PAREN, RIGHT_PAREN, COMMA, STRING, NUMBER, PATH, TRUE, FALSE, NULL, END }

    static Token of(Kind kind, String text, int position) {
        return new Token(kind, text, text, position);
    }

    String describe() {
        return switch (kind) {
            case END -> "end of expression";
            case STRING -> "string '" + text + "' at position " + position;
            default -> "'" + text + "' at position " + position;
        };
    }
}
