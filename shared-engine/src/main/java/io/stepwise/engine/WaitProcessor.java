package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.WaitState;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.PendingRef;
import io.stepwise.engine.state.Phase;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.StatesException;
import io.stepwise.query.jsonata.JsonataBindings;
import io.stepwise.query.jsonata.JsonataTemplate;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Wait: a timer until the due time its dialect evaluates (the JSONPath and JSONata readings of Seconds and Timestamp
 * are both here), then the state exits with its input.
 */
record WaitProcessor(WaitState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        Run run = runner.run();
        BranchState branch = frame.branch();
        Instant due = dialect.waitDue(runner, frame, state);
        if (!due.isAfter(run.now)) {
            finish(runner, frame);
            return;
        }
        String ref = new PendingRef.Wait(branch.id, branch.enteredEventId, run.state.nextEventId).text();
        branch.moveTo(Phase.WAITING);
        branch.pendingRef = ref;
        run.command(new Command.StartTimer(ref, due));
    }

    /** The timer fired (or the due time had passed): the state exits. */
    void finish(StateRunner runner, Frame frame) {
        dialect.exitWithInput(runner, frame, state);
    }

    /** The due time of a JSONata Wait: {@code Seconds} or {@code Timestamp}, each a value or an expression. */
    static Instant jsonataDueTime(Instant now, JsonataDialect jsonata, WaitState wait, JsonataBindings bindings) {
        if (wait.seconds() != null) {
            JsonNode seconds = jsonata.number(wait.seconds(), bindings, "Seconds");
            return now.plusSeconds(seconds.asLong());
        }
        JsonNode value = wait.timestamp().isTextual() && JsonataTemplate.isExpression(wait.timestamp().asText())
                ? jsonata.evaluate(wait.timestamp(), bindings, "Timestamp")
                : wait.timestamp();
        Instant due = value.isTextual() ? tryParseTimestamp(value.asText()) : null;
        if (due == null) {
            // Recorded (LocalStack test_base_scenarios.py::test_wait_timestamp_jsonata[NO_T]): EvaluationFailed at
            // location "Timestamp", the string shown unquoted.
            String shown = value.isTextual() ? value.asText() : Json.write(value);
            throw StatesException.queryEvaluation("The Timestamp field cannot be parsed as an ISO-8601 extended offset "
                    + "date-time format string: " + shown, "Timestamp");
        }
        return due;
    }

    /** The due time of a JSONPath Wait: {@code Seconds}, {@code Timestamp}, or the value a {@code *Path} selects. */
    static Instant jsonPathDueTime(Instant now, WaitState wait, EvalContext ctx) {
        if (wait.seconds() != null) {
            return now.plusSeconds(wait.seconds().asLong());
        }
        if (wait.timestamp() != null) {
            return parseTimestamp(wait.timestamp().asText());
        }
        if (wait.secondsPath() != null) {
            JsonNode value = read(wait.secondsPath(), ctx, "SecondsPath");
            if (!value.isIntegralNumber() || value.bigIntegerValue().bitLength() > 63) {
                // A string is shown unquoted, as AWS shows the TimestampPath value (recorded); for SecondsPath only
                // numbers are recorded.
                String shown = value.isTextual() ? value.asText() : Json.write(value);
                throw StatesException.runtime("The SecondsPath parameter cannot be parsed as a long value: "
                        + wait.secondsPath().text() + " == " + shown);
            }
            if (value.bigIntegerValue().compareTo(BigInteger.ZERO) < 0) {
                throw StatesException.runtime("The SecondsPath parameter references a negative value: "
                        + wait.secondsPath().text() + " == " + Json.write(value));
            }
            return now.plusSeconds(value.asLong());
        }
        JsonNode value = read(wait.timestampPath(), ctx, "TimestampPath");
        Instant due = value.isTextual() ? tryParseTimestamp(value.asText()) : null;
        if (due == null) {
            // Recorded on AWS with the string unquoted (LocalStack test_wait.py::test_wait_timestamppath[.000]:
            // "... format string: $.start_at == <timestamp>").
            String shown = value.isTextual() ? value.asText() : Json.write(value);
            throw StatesException.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended "
                    + "offset date-time format string: " + wait.timestampPath().text() + " == " + shown);
        }
        return due;
    }

    /**
     * A SecondsPath or TimestampPath that selects nothing: "The TimestampPath parameter does not reference an
     * input value: $.x" is the text serverless-offline-step-functions reproduces from AWS (2019), and LocalStack
     * words SecondsPath the same way (state_wait/wait_function/seconds_path.py).
     */
    private static JsonNode read(JsonPathExpression path, EvalContext ctx, String field) {
        try {
            return path.read(ctx);
        } catch (JsonPathExpression.PathNotFound e) {
            throw StatesException.runtime("The " + field + " parameter does not reference an input value: "
                    + path.text());
        }
    }

    static Instant parseTimestamp(String text) {
        Instant instant = tryParseTimestamp(text);
        if (instant == null) {
            throw StatesException.runtime("The Timestamp value is not a valid ISO-8601 date-time: " + text);
        }
        return instant;
    }

    static Instant tryParseTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
