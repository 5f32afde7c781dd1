package io.stepwise.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.intrinsic.IntrinsicExpression;

/**
 * A field written as a Path or as an intrinsic function call (a Fail state's {@code ErrorPath} and {@code CausePath}),
 * compiled once when the definition is parsed.
 */
public final class PathOrIntrinsic {
    private final JsonPathExpression path;
    private final IntrinsicExpression intrinsic;

    private PathOrIntrinsic(JsonPathExpression path, IntrinsicExpression intrinsic) {
        this.path = path;
        this.intrinsic = intrinsic;
    }

    /**
     * Compiles {@code text}: a path when it starts with {@code $}, else an intrinsic call.
     *
     * @throws IllegalArgumentException when it is neither a path nor a well-formed intrinsic call
     */
    public static PathOrIntrinsic compile(String text) {
        return text.startsWith("$") ? new PathOrIntrinsic(JsonPathExpression.compile(text), null)
                : new PathOrIntrinsic(null, IntrinsicExpression.parse(text));
    }

    /**
     * The value selected from {@code ctx}. A path that selects nothing is worded as for a payload template field,
     * naming {@code field} (recorded: LocalStack test_base_scenarios.py::test_invalid_jsonpath
     * [INVALID_JSONPATH_IN_ERRORPATH], "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be
     * found in the input '...'").
     *
     * @throws StatesException {@code States.Runtime} when the path selects nothing;
     *     {@code States.IntrinsicFailure} when the intrinsic call fails
     */
    public JsonNode evaluate(EvalContext ctx, String field) {
        if (intrinsic != null) {
            return intrinsic.evaluate(ctx);
        }
        try {
            return path.read(ctx);
        } catch (JsonPathExpression.PathNotFound e) {
            throw StatesException.runtime("The JSONPath '" + path.text() + "' specified for the field '" + field
                    + "' could not be found in the input '" + ctx.describe(path) + "'");
        }
    }
}
