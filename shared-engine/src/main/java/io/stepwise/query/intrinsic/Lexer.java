package io.stepwise.query.intrinsic;

import io.stepwise.query.intrinsic.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits intrinsic function text into tokens. Whitespace between tokens is insignificant. */
final class Lexer {
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final String text;
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        Lexer lexer = new Lexer(text);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.END);
        return tokens;
    }

    private Token next() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        if (pos >= text.length()) {
            return Token.of(Kind.END, "", pos);
        }
        int start = pos;
        char c = text.charAt(pos);
        return switch (c) {
            case '(' -> single(Kind.LEFT_PAREN);
            case ')' -> single(Kind.RIGHT_PAREN);
            case ',' -> single(Kind.COMMA);
            case '\'' -> string();
            case '$' -> path();
            default -> {
                if (c == '-' || Character.isDigit(c)) {
                    yield number();
                }
                if (Character.isLetter(c)) {
                    yield word();
                }
                throw new IllegalArgumentException("Unexpected character '" + c + "' at position " + start);
            }
        };
    }

    private Token single(Kind kind) {
        return Token.of(kind, String.valueOf(text.charAt(pos)), pos++);
    }

    /**
     * A single-quoted literal. Backslash escapes the characters intrinsics reserve ({@code ' { } \}); any
     * other backslash is kept as written. The raw text is kept too, because States.Format must still tell an
     * escaped brace from a placeholder.
     */
    private Token string() {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\'') {
                String raw = text.substring(start + 1, pos);
                pos++;
                return new Token(Kind.STRING, raw, value.toString(), start);
            }
            if (c == '\\' && pos + 1 < text.length() && isEscapable(text.charAt(pos + 1))) {
                value.append(text.charAt(pos + 1));
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
        throw new IllegalArgumentException("Unterminated string literal starting at position " + start);
    }

    static boolean isEscapable(char c) {
        return c == '\'' || c == '\\' || c == '{' || c == '}';
    }

    /**
     * A JSONPath runs to the first comma, closing parenthesis or whitespace outside brackets, parentheses
     * and quotes, so that {@code $['a, b']} and filters such as {@code $[?(@.x > 1)]} stay one token.
     */
    private Token path() {
        int start = pos;
        int depth = 0;
        char quote = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote != 0) {
                if (c == '\\') {
                    pos++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && (c == ',' || Character.isWhitespace(c))) {
                break;
            }
            pos++;
        }
        if (quote != 0 || depth != 0) {
            throw new IllegalArgumentException("Unterminated path starting at position " + start);
        }
        return Token.of(Kind.PATH, text.substring(start, pos), start);
    }

    private Token number() {
        int start = pos;
        while (pos < text.length() && isNumberChar(text.charAt(pos))) {
            pos++;
        }
        String number = text.substring(start, pos);
        if (!NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("Invalid number '" + number + "' at position " + start);
        }
        return Token.of(Kind.NUMBER, number, start);
    }

    private static boolean isNumberChar(char c) {
        return Character.isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    /** A function name ({@code States.Format}) or one of the keywords true, false and null. */
    private Token word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                || text.charAt(pos) == '_')) {
            pos++;
        }
        String word = text.substring(start, pos);
        Kind kind = switch (word) {
            case "true" -> Kind.TRUE;
            case "false" -> Kind.FALSE;
            case "null" -> Kind.NULL;
            default -> Kind.FUNCTION_NAME;
        };
        return Token.of(kind, word, start);
    }
}
