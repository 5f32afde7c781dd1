package io.stepwise.query;

/**
 * A failure raised while evaluating a state, named as Step Functions names it ({@code States.Runtime},
 * {@code States.IntrinsicFailure}, a Fail state's error, ...). The interpreter turns it into the state's
 * error output, which Retry and Catch then match by {@link #error()}.
 *
 * <p>When {@link #stateScoped()} is true, the interpreter prefixes the cause with AWS's
 * "An error occurred while executing the state 'X' (entered at the event id #N). " — the query layer does
 * not know the state it runs in.
 */
public class StatesException extends RuntimeException {
    private final String error;
    private final String cause;
    private final boolean stateScoped;
    private final String location;

    public StatesException(String error, String cause, boolean stateScoped) {
        this(error, cause, stateScoped, null);
    }

    /** @param location the field an {@code EvaluationFailed} event names, or {@code null} when it names none */
    public StatesException(String error, String cause, boolean stateScoped, String location) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
        this.stateScoped = stateScoped;
        this.location = location;
    }

    public StatesException(String error, String cause) {
        this(error, cause, false);
    }

    public String error() {
        return error;
    }

    /** The cause text (without the state prefix when {@link #stateScoped()}), or {@code null} when none. */
    public String cause() {
        return cause;
    }

    public boolean stateScoped() {
        return stateScoped;
    }

    /** The failing field for an {@code EvaluationFailed} event, or {@code null} when the event names none. */
    public String location() {
        return location;
    }

    /** {@code States.Runtime}, cause prefixed with the state. */
    public static StatesException runtime(String cause) {
        return new StatesException(StatesErrors.RUNTIME, cause, true);
    }

    /** {@code States.IntrinsicFailure}, cause prefixed with the state. */
    public static StatesException intrinsic(String cause) {
        return new StatesException(StatesErrors.INTRINSIC_FAILURE, cause, true);
    }

    /** {@code States.QueryEvaluationError}, cause prefixed with the state. */
    public static StatesException queryEvaluation(String cause) {
        return new StatesException(StatesErrors.QUERY_EVALUATION_ERROR, cause, true);
    }

    /** {@code States.QueryEvaluationError} about {@code field}, cause prefixed with the state. */
    public static StatesException queryEvaluation(String cause, String field) {
        return new StatesException(StatesErrors.QUERY_EVALUATION_ERROR, cause, true, field);
    }
}
