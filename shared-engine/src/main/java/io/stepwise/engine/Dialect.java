package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.CompiledFields;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.asl.TaskState;
import io.stepwise.asl.WaitState;
import io.stepwise.query.EvalContext;
import io.stepwise.query.jsonata.JsonataLimits;
import java.time.Instant;

/**
 * The query language of one state, JSONPath or JSONata, bound to the state once when its {@link StateProcessor} is
 * built ({@link StateProcessors}): what the two languages do differently lives behind it, so a processor asks its
 * dialect for those parts and never which language it is written in. The result tail — the part that turns a result
 * (or an error) into the state's output and assigned variables — is shared by every state kind through it.
 */
sealed interface Dialect permits JsonPathDialect, JsonataDialect {
    /** The dialect {@code state} is written in, evaluating the fields its definition compiled. */
    static Dialect of(State state, CompiledFields fields, JsonataLimits limits) {
        return state.common().isJsonata() ? new JsonataDialect(fields, limits) : new JsonPathDialect(fields);
    }

    /**
     * The scope the state's own fields (Assign, Choice rules, Output, Fail's Error and Cause) are evaluated in.
     *
     * @param stateCtx the context over the state's raw input
     */
    FieldScope scope(State state, EvalContext stateCtx);

    /** As {@link #scope(State, EvalContext)}, over the input of the state {@code frame} is in. */
    default FieldScope scope(StateRunner runner, Frame frame, State state) {
        return scope(state, runner.context(frame, frame.branch().stateInput));
    }

    /**
     * A Pass's result: JSONPath's {@code Result}, else {@code Parameters}, else the effective input; {@code null} in
     * JSONata, where a Pass has no result and passes its input on.
     *
     * @param stateCtx the context over the state's raw input
     */
    JsonNode passResult(PassState pass, EvalContext stateCtx);

    /**
     * A Task's call as it is scheduled.
     *
     * @param ctx the context over the Task's effective input, with {@code $$.State.RetryCount} and its token
     */
    TaskCall taskCall(TaskState task, JsonNode stateInput, EvalContext ctx);

    /**
     * The input every branch of a Parallel starts with.
     *
     * @param stateCtx the context over the state's raw input
     * @param parametersCtx the context JSONPath's Parameters are evaluated in (its input is replaced by the
     *     effective input), which shows {@code $$.State.RetryCount}
     */
    JsonNode parallelInput(ParallelState parallel, EvalContext stateCtx, EvalContext parametersCtx);

    /**
     * A Map's items (JSONPath: ItemsPath over the effective input; JSONata: Items, else the input) and concurrency
     * limit (MaxConcurrency, or the value MaxConcurrencyPath selects). With an ItemReader there are no items yet.
     *
     * @param stateCtx the context over the state's raw input
     * @param effectiveCtx {@code stateCtx} over the effective input (InputPath applied)
     */
    MapItems mapItems(MapState map, EvalContext stateCtx, EvalContext effectiveCtx);

    /**
     * A Map's {@code ToleratedFailureCount}, {@code null} without one: JSONPath: the number, or the value
     * ToleratedFailureCountPath selects from the effective input, which must be an integer; JSONata: the number, or
     * what its expression gives, which must be a number.
     */
    JsonNode toleratedFailureCount(MapState map, EvalContext stateCtx, EvalContext effectiveCtx);

    /** A Map's {@code ToleratedFailurePercentage}, as {@link #toleratedFailureCount} reads the count. */
    JsonNode toleratedFailurePercentage(MapState map, EvalContext stateCtx, EvalContext effectiveCtx);

    /** One iteration's input from the Map's ItemSelector; {@code ctx} has the item as {@code $$.Map.Item}. */
    JsonNode selectItem(MapState map, EvalContext ctx);

    /**
     * Whether a distributed Map's items can be read again from the state input for each batch instead of being kept:
     * JSONPath paths select the same nodes every time; a JSONata expression need not give the same value twice.
     */
    boolean rereadsItems();

    /**
     * The name of the field a Distributed Map's ItemReader and ResultWriter take their arguments from: JSONPath's
     * {@code Parameters}, JSONata's {@code Arguments}.
     */
    String argumentsField();

    /**
     * A field of a Distributed Map's reader, batcher or writer as written in the definition: JSONPath evaluates it as
     * a payload template over {@code ctx} (the effective input); JSONata as a template over {@code $states.input}.
     */
    JsonNode evaluate(StateRunner runner, Frame frame, JsonNode field, String name, EvalContext ctx);

    /** When a Wait state's timer is due: its Seconds or Timestamp (JSONPath: or the value their Path selects). */
    Instant waitDue(StateRunner runner, Frame frame, WaitState wait);

    /**
     * What a Task, Parallel or Map makes of {@code result} (or a JSONPath Pass of its Result): JSONPath applies
     * ResultSelector, Assign ({@code $} is the selected result), ResultPath and OutputPath; JSONata applies Assign
     * and Output over {@code $states.result}.
     *
     * @param stateInput the state's raw input, which ResultPath writes into and {@code $states.input} shows
     * @param ctx the context the result is evaluated in, with {@code result} as its input
     * @param stateCtx the state's plain context (no retry count or token), which JSONPath's Assign sees
     * @param sizeMemo where ResultPath remembers the sizes of the containers it copies, or {@code null}
     */
    ResultStages resultStages(State state, ResultFields fields, JsonNode stateInput, JsonNode result,
            EvalContext ctx, EvalContext stateCtx, PayloadSizeMemo sizeMemo);

    /** The state {@code frame} is in exits with the output and variables {@link #resultStages} makes of its result. */
    default void exitWithResult(StateRunner runner, Frame frame, State state, ResultFields fields, JsonNode result,
            EvalContext ctx) {
        JsonNode stateInput = frame.branch().stateInput;
        ResultStages stages = resultStages(state, fields, stateInput, result, ctx,
                runner.context(frame, stateInput), runner.sizeMemo());
        runner.exit(frame, state, stages.output(), stages.assigned());
    }

    /**
     * A state without a result (Wait, Succeed, a JSONata Pass) ends: JSONPath applies InputPath, Assign ({@code $} is
     * the effective input) and OutputPath; JSONata applies Assign and Output over {@code $states.input}. Then the
     * state exits.
     */
    default void exitWithInput(StateRunner runner, Frame frame, State state) {
        FieldScope scope = scope(runner, frame, state);
        ObjectNode assigned = scope.assign(state.common().assign());
        runner.exit(frame, state, scope.output(null), assigned);
    }

    /**
     * What {@code catcher} makes of the state's error: JSONPath applies Assign ({@code $} is the error output) and
     * the catcher's ResultPath; JSONata applies Assign and Output over {@code $states.errorOutput}.
     *
     * @param stateCtx the context over the state's raw input
     * @param sizeMemo as for {@link #resultStages}
     */
    Caught caught(Catcher catcher, ObjectNode errorOutput, EvalContext stateCtx, PayloadSizeMemo sizeMemo);

    /** The state {@code frame} is in exits to the catcher's {@code Next} with what {@link #caught} makes. */
    default void exitCaught(StateRunner runner, Frame frame, State state, Catcher catcher, ObjectNode errorOutput) {
        Caught caught = caught(catcher, errorOutput, runner.context(frame, frame.branch().stateInput),
                runner.sizeMemo());
        runner.exitTo(frame, state, caught.output(), caught.assigned(), catcher.next());
    }

    /**
     * The stages of a result's way to the state's output, as TestState's {@code inspectionData} shows them.
     *
     * @param afterResultSelector the selected result (JSONPath), {@code null} in JSONata
     * @param afterResultPath the state's input with the result in place (JSONPath), {@code null} in JSONata
     * @param output the state's output
     * @param assigned the variables the state assigns, {@code null} for none
     */
    record ResultStages(JsonNode afterResultSelector, JsonNode afterResultPath, JsonNode output,
            ObjectNode assigned) {
    }

    /** A catcher's output and the variables it assigns ({@code null} for none). */
    record Caught(JsonNode output, ObjectNode assigned) {
    }
}
