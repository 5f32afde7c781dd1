package io.stepwise.query.jsonata;

/** The text of an expression is not JSONata; validation reports it as {@code INVALID_JSONATA_EXPRESSION}. */
public final class InvalidJsonataException extends IllegalArgumentException {
    private final String expression;
    private final String code;

    InvalidJsonataException(String expression, String code, String detail) {
        super(code == null ? detail : code + ": " + detail);
        this.expression = expression;
        this.code = code;
    }

    public String expression() {
        return expression;
    }

    /** The library's error code ({@code S0201}, ...), or {@code null} when it gave none. */
    public String code() {
        return code;
    }
}
