package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.ChoiceBranch;
import io.stepwise.asl.ChoiceState;
import io.stepwise.asl.FailState;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.asl.SucceedState;
import io.stepwise.asl.TaskState;
import io.stepwise.asl.WaitState;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.PathOrIntrinsic;
import io.stepwise.query.PayloadTemplate;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
import java.util.SplittableRandom;

/**
 * {@link StateTester} for a state in the JSONPath dialect: InputPath, Parameters or Result, ResultSelector,
 * ResultPath and OutputPath, each step's value recorded; Map's ItemsPath, ItemSelector and tolerance.
 */
final class StateTestJsonPath implements StateTestDialect {
    private final StateTester tester;

    StateTestJsonPath(StateTester tester) {
        this.tester = tester;
    }

    @Override
    public StateTestResult run(State state) {
        JsonNode raw = tester.test.input();
        if (state instanceof PassState pass) {
            JsonNode result;
            if (pass.result() != null) {
                result = pass.result();
                tester.inspect("result", result);
            } else {
                JsonNode effective = afterInputPath(pass, raw);
                result = pass.parameters() == null ? effective : pass.parameters().evaluate(tester.ctx(effective));
                tester.inspect("afterParameters", result);
            }
            tester.inspect("afterResultSelector", result);
            ObjectNode assigned = tester.assign(pass.common().assign(), result);
            JsonNode merged = tester.inspect("afterResultPath", DataFlow.resultPath(pass.resultPath(), raw, result));
            return finish(state, merged, assigned);
        }
        if (state instanceof ChoiceState choice) {
            JsonNode effective = afterInputPath(choice, raw);
            EvalContext ctx = tester.ctx(effective);
            ObjectNode assigned = tester.assign(choice.common().assign(), effective);
            String next = null;
            for (ChoiceBranch rule : choice.choices()) {
                if (rule.rule() != null && rule.rule().matches(ctx)) {
                    next = rule.next();
                    assigned = tester.merge(assigned, tester.assign(rule.assign(), effective));
                    break;
                }
            }
            if (next == null) {
                next = choice.defaultNext();
            }
            if (next == null) {
                throw new StatesException(StatesErrors.NO_CHOICE_MATCHED, "No Matches!");
            }
            return tester.succeeded(state, DataFlow.outputPath(choice.common().outputPath(), ctx), assigned, next);
        }
        if (state instanceof SucceedState || state instanceof WaitState) {
            JsonNode effective = afterInputPath(state, raw);
            JsonNode output = DataFlow.outputPath(state.common().outputPath(), tester.ctx(effective));
            return tester.succeeded(state, output, null, tester.next(state));
        }
        if (state instanceof TaskState task) {
            JsonNode effective = afterInputPath(task, raw);
            EvalContext taskCtx = tester.ctx(effective);
            JsonNode parameters = tester.inspect("afterParameters",
                    task.parameters() == null ? effective : task.parameters().evaluate(taskCtx));
            JsonNode credentials = task.credentials() == null ? null
                    : tester.test.fields().payload(task.credentials()).evaluate(taskCtx);
            return jsonPathResult(task, raw,
                    tester.answer(task, parameters, credentials));
        }
        if (state instanceof ParallelState parallel) {
            DataFlow.inputPath(parallel.common().inputPath(), tester.ctx(raw));
            return jsonPathResult(parallel, raw,
                    tester.answer(parallel, null, null));
        }
        MapState map = (MapState) state;
        JsonNode effective = afterInputPath(map, raw);
        EvalContext ctx = tester.ctx(effective);
        int items;
        if (map.itemReader() != null) {
            items = tester.readerItems();
        } else {
            JsonNode selected = readItems(map.itemsPath(), ctx);
            tester.inspect("afterItemsPath", selected);
            items = selected.size();
            if (map.itemSelector() != null) {
                ArrayNode selectedItems = Json.MAPPER.createArrayNode();
                for (int i = 0; i < selected.size(); i++) {
                    JsonNode itemContext = tester.itemContext(i, selected.get(i));
                    selectedItems.add(map.itemSelector().evaluate(
                            new EvalContext(effective, () -> itemContext, tester.variables::get,
                                    () -> new SplittableRandom(0))));
                }
                tester.inspect("afterItemSelector", selectedItems);
            }
        }
        tester.inspection.put("maxConcurrency", jsonPathMaxConcurrency(map, ctx));
        tester.checkTolerance(map, jsonPathNumber(map.toleratedFailureCount(), map.toleratedFailureCountPath(), ctx),
                jsonPathNumber(map.toleratedFailurePercentage(), map.toleratedFailurePercentagePath(), ctx), items);
        return jsonPathResult(map, raw, tester.answer(map, null, null));
    }

    /** A task's, Parallel's or Map's answer through ResultSelector, ResultPath and OutputPath. */
    @Override
    public Failure failure(FailState fail) {
        JsonNode input = tester.test.input();
        tester.inspect("afterInputPath", input);
        EvalContext ctx = tester.ctx(input);
        String error = fail.error() != null ? fail.error().asText() : pathValue(fail.errorPath(), "ErrorPath", ctx);
        String cause = fail.cause() != null ? fail.cause().asText() : pathValue(fail.causePath(), "CausePath", ctx);
        return new Failure(error, cause);
    }

    private static String pathValue(PathOrIntrinsic pathOrIntrinsic, String field, EvalContext ctx) {
        return pathOrIntrinsic == null ? null : StateTester.text(pathOrIntrinsic.evaluate(ctx, field));
    }

    @Override
    public Caught caught(Catcher catcher, ObjectNode errorOutput) {
        ObjectNode assigned = tester.assign(catcher.assign(), errorOutput);
        JsonNode output = DataFlow.resultPath(catcher.resultPath(), tester.test.input(), errorOutput);
        return new Caught(output, assigned);
    }

    private StateTestResult jsonPathResult(State state, JsonNode raw, StateTest.Mock answer) {
        if (answer.failed()) {
            return tester.failed(state, answer.error(), answer.cause(), true);
        }
        JsonNode result = answer.result();
        if (state instanceof TaskState) {
            tester.inspect("result", result);
        }
        EvalContext resultCtx = tester.ctx(result);
        PayloadTemplate resultSelector = ResultFields.of(state).resultSelector();
        JsonNode selected = tester.inspect("afterResultSelector",
                resultSelector == null ? result : resultSelector.evaluate(resultCtx));
        ObjectNode assigned = tester.assign(state.common().assign(), selected);
        JsonNode merged = tester.inspect("afterResultPath", DataFlow.resultPath(ResultFields.of(state).resultPath(), raw, selected));
        return finish(state, merged, assigned);
    }

    private JsonNode afterInputPath(State state, JsonNode raw) {
        return tester.inspect("afterInputPath", DataFlow.inputPath(state.common().inputPath(), tester.ctx(raw)));
    }

    /** OutputPath over the state's output after ResultPath, and the transition. */
    private StateTestResult finish(State state, JsonNode merged, ObjectNode assigned) {
        JsonNode output = DataFlow.outputPath(state.common().outputPath(), tester.ctx(merged));
        return tester.succeeded(state, output, assigned, tester.next(state));
    }

    private static JsonNode readItems(JsonPathExpression path, EvalContext ctx) {
        JsonNode items;
        try {
            items = path.read(ctx);
        } catch (JsonPathExpression.PathNotFound e) {
            throw StatesException.runtime("Invalid path '" + path.text() + "' : " + e.getMessage());
        }
        if (!items.isArray()) {
            // AWS names a context path without its first "$" here: "$$.Execution.Input" as "$.Execution.Input".
            String text = path.text().startsWith("$$") ? path.text().substring(1) : path.text();
            throw StatesException.runtime("Reference path \"" + text + "\" must point to array.");
        }
        return items;
    }

    private static int jsonPathMaxConcurrency(MapState map, EvalContext ctx) {
        JsonNode value = jsonPathNumber(map.maxConcurrency(), map.maxConcurrencyPath(), ctx);
        return value == null ? 0 : value.intValue();
    }

    private static JsonNode jsonPathNumber(JsonNode fixed, JsonPathExpression path, EvalContext ctx) {
        if (fixed != null) {
            return fixed;
        }
        if (path == null) {
            return null;
        }
        try {
            return path.read(ctx);
        } catch (JsonPathExpression.PathNotFound e) {
            throw StatesException.runtime("Invalid path '" + path.text() + "' : " + e.getMessage());
        }
    }

}
