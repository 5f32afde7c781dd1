package io.stepwise.query.jsonata;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Deeply nested expressions. The library parses recursively, so whether it overflows the stack on
 * {@code ((((...))))} depends on the thread it runs on: about 700 levels fit in a default 1 MiB stack.
 * An expression that overflows there is parsed again on a thread with a large stack, and then accepted or
 * refused by its depth alone, so CreateStateMachine and an execution on any thread agree about it.
 */
final class DeepExpressions {
    /**
     * The deepest syntax tree accepted. Evaluation stops far earlier ({@link JsonataLimits#maxDepth()}), as AWS
     * does for a sum of 200 terms; this bound only keeps validation and the tree walks safe.
     */
    static final int MAX_NESTING = 1000;
    private static final long STACK_BYTES = 64L << 20;

    private DeepExpressions() {
    }

    static JsonataExpression compile(String text, Supplier<JsonataExpression> compile) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread parser = new Thread(null, () -> {
            try {
                outcome.set(compile.get());
            } catch (StackOverflowError e) {
                outcome.set(tooDeep(text));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        }, "jsonata-deep-parse", STACK_BYTES);
        parser.setDaemon(true);
        parser.start();
        try {
            parser.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing a JSONata expression", e);
        }
        if (outcome.get() instanceof RuntimeException e) {
            throw e;
        }
        return (JsonataExpression) outcome.get();
    }

    static InvalidJsonataException tooDeep(String text) {
        return new InvalidJsonataException(text, null,
                "The expression is nested too deeply: more than " + MAX_NESTING + " levels.");
    }
}
