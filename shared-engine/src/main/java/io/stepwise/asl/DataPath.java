package io.stepwise.asl;

import io.stepwise.query.JsonPathExpression;

/**
 * An InputPath, OutputPath or ResultPath. ASL gives {@code null} its own meaning (discard the input, the
 * output or the result), distinct from the field being absent (which means {@code $}).
 *
 * @param path the compiled path, or {@code null} when the field was JSON {@code null}
 */
public record DataPath(JsonPathExpression path) {
    public static final DataPath ROOT = new DataPath(JsonPathExpression.compile("$"));
    public static final DataPath DISCARD = new DataPath(null);

    public boolean isDiscard() {
        return path == null;
    }
}
