package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.ChoiceState;
import io.stepwise.asl.FailState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.asl.SucceedState;
import io.stepwise.query.EvalContext;

/**
 * The query language of one state, JSONPath or JSONata, chosen once per state by {@link StateRunner#dialect}: what
 * the two languages do differently lives behind it, so the state kinds do not ask which one they are written in.
 * Pass, Choice, Succeed and Fail differ as a whole; the others share the dialect's result processing, the tail
 * that turns a result (or an error) into the state's output and assigned variables.
 */
sealed interface Dialect permits JsonPathDialect, JsonataDialect {
    void pass(Frame frame, PassState pass);

    void choice(Frame frame, ChoiceState choice);

    void succeed(Frame frame, SucceedState succeed);

    void fail(Frame frame, FailState fail);

    /**
     * A Task, Parallel or Map produced {@code result} (or a JSONPath Pass its Result): JSONPath applies
     * ResultSelector, Assign ({@code $} is the selected result), ResultPath and OutputPath; JSONata applies Assign
     * and Output over {@code $states.result}.
     * Then the state exits.
     *
     * @param ctx the context the result is evaluated in, with {@code result} as its input
     */
    void exitWithResult(Frame frame, State state, ResultFields fields, JsonNode result, EvalContext ctx);

    /**
     * A state without a result (Wait, a JSONata Pass) ends: JSONPath applies InputPath, Assign ({@code $} is the effective input)
     * and OutputPath; JSONata applies Assign and Output over {@code $states.input}. Then the state exits.
     */
    void exitWithInput(Frame frame, State state);

    /**
     * {@code catcher} caught the state's error: JSONPath applies Assign ({@code $} is the error output) and the
     * catcher's ResultPath; JSONata applies Assign and Output over {@code $states.errorOutput}. Then the state exits
     * to the catcher's {@code Next}.
     */
    void exitCaught(Frame frame, State state, Catcher catcher, ObjectNode errorOutput);
}
