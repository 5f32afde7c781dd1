package io.stepwise.query.jsonata;

/**
 * How much work and memory one evaluation of an expression may use. Every bound counts work rather than
 * time, so a poison expression fails the same way on every machine and on replay, and an evaluation that
 * breaks a bound ends in {@code States.QueryEvaluationError}.
 *
 * @param maxSteps evaluation steps (one per node the library evaluates, plus one per 8 characters a
 *     regular expression reads); the default is a few hundred milliseconds of one core, and ten times what
 *     a Map over 10,000 items with a 20-node expression per item takes
 * @param maxDepth nesting of evaluation; AWS fails a sum of 200 terms with a stack overflow, so the default
 *     is far tighter than the JVM's stack
 * @param maxValueLength the longest string (in chars) or array (in elements) an evaluation may produce,
 *     and the most JSON a result may hold; the default is four payloads of 256 KiB
 * @param maxAllocation the characters and elements all the strings and arrays an evaluation produces may
 *     add up to, so a loop cannot pile up many large values that each stay under {@code maxValueLength}
 */
public record JsonataLimits(long maxSteps, int maxDepth, int maxValueLength, long maxAllocation) {
    public static final JsonataLimits DEFAULT = new JsonataLimits(1_000_000, 150, 1 << 20, 64L << 20);

    public JsonataLimits {
        if (maxSteps < 1 || maxDepth < 1 || maxValueLength < 1 || maxAllocation < maxValueLength) {
            throw new IllegalArgumentException("JSONata limits must be positive, and maxAllocation at least"
                    + " maxValueLength: " + maxSteps + ", " + maxDepth + ", " + maxValueLength + ", " + maxAllocation);
        }
    }
}
