package io.stepwise.query.intrinsic;

/**
 * A function rejected its arguments. Carries only the detail; {@link IntrinsicExpression} adds the
 * expression text, which the function itself does not know.
 */
final class IntrinsicError extends RuntimeException {
    IntrinsicError(String detail) {
        super(detail, null, false, false);
    }
}
