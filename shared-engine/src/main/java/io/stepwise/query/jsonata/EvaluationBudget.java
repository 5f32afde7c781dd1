package io.stepwise.query.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The work and memory one evaluation has used, against its {@link JsonataLimits}. The library calls
 * {@link #enter()} and {@link #exit(Object)} around every node it evaluates; the {@link GuardedFunctions}
 * charge what happens inside a single library call (regular expression matching, padding, joining), which
 * the node callbacks cannot see.
 *
 * <p>One evaluation runs on one thread, so the counters are plain fields, and the guarded functions, which
 * are shared by every evaluation, find the budget of the evaluation they serve through {@link #current()}.
 */
final class EvaluationBudget {
    /** The library reports its own runtime bounds under this code, and so do we. */
    static final String CODE = "U1001";
    /** Values smaller than this are charged every time they are returned; they are too cheap to track. */
    private static final int TRACKED_SIZE = 256;
    private static final int CHARS_PER_STEP = 8;
    /** Jackson's default bound on the nesting of JSON it writes or reads. */
    static final int MAX_NESTING = 1000;
    private static final ThreadLocal<EvaluationBudget> CURRENT = new ThreadLocal<>();

    private final JsonataLimits limits;
    private long steps;
    private int depth;
    private long allocated;
    private long charsRead;
    /**
     * Large values already charged: the same string handed up through many nodes is allocated only once.
     * Created on first use, since most evaluations never produce a large value.
     */
    private Set<Object> charged;
    /** Node counts of the large values built so far, by identity; see {@link #nodes(Object)}. */
    private Map<Object, Long> treeSizes;

    EvaluationBudget(JsonataLimits limits) {
        this.limits = limits;
    }

    /** The budget of the evaluation running on this thread. */
    static EvaluationBudget current() {
        EvaluationBudget budget = CURRENT.get();
        if (budget == null) {
            throw new IllegalStateException("a guarded JSONata function ran outside an evaluation");
        }
        return budget;
    }

    /** Makes this the {@linkplain #current() current} budget until the returned scope is closed. */
    Scope activate() {
        EvaluationBudget previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Hooks the budget into an evaluation frame.
     *
     * @param calledNodes the expression's nodes whose value is called as a function; a regular expression
     *     called directly is matched inside the library where no budget reaches, so it is refused, while
     *     {@code $match}, {@code $contains}, {@code $split} and {@code $replace} take the same pattern bounded
     */
    void install(Jsonata.Frame frame, Set<Object> calledNodes) {
        frame.setEvaluateEntryCallback((node, input, environment) -> enter());
        frame.setEvaluateExitCallback((node, input, environment, result) -> {
            if (result instanceof Pattern && calledNodes.contains(node)) {
                throw new JsonataFunctionError(CODE, "A regular expression cannot be called directly; use $match,"
                        + " $contains, $split or $replace");
            }
            exit(result);
        });
    }

    void enter() {
        step();
        if (++depth > limits.maxDepth()) {
            throw new JsonataFunctionError(CODE, "Stack overflow error: Check for non-terminating recursive function."
                    + " Consider rewriting as tail-recursive. Depth=" + depth + " max=" + limits.maxDepth());
        }
    }

    void exit(Object result) {
        depth--;
        if (result instanceof String s) {
            produced(s, s.length(), "a string of", "characters");
        } else if (result instanceof List<?> list) {
            produced(list, list.size(), "an array of", "elements");
            requireTreeSize(list);
        } else if (result instanceof Map<?, ?> map) {
            produced(map, map.size(), "an object of", "fields");
            requireTreeSize(map);
        }
    }

    /**
     * Fails when a value, unfolded as a tree, has more nodes than a value may be long. An expression can
     * build {@code {"l": $o, "r": $o}} around its own result 60 times in 60 steps; the library's recursive
     * walks ({@code **}, deep equality, transforms) would then visit 2^60 nodes inside a single step.
     */
    private void requireTreeSize(Object container) {
        long nodes = nodes(container);
        if (nodes > limits.maxValueLength()) {
            throw tooLarge("The expression produced a value of more than " + limits.maxValueLength()
                    + " nodes (counting shared parts each time they occur)");
        }
    }

    /**
     * Nodes of a value's tree, capped just past the bound. Values converted from JSON know theirs; values the
     * evaluation built were counted when their node returned them, so each is counted from its children once.
     */
    private long nodes(Object value) {
        if (value instanceof JsonataValues.Tree tree) {
            return tree.nodes();
        }
        if (!(value instanceof List<?>) && !(value instanceof Map<?, ?>)) {
            return 1;
        }
        if (treeSizes == null) {
            treeSizes = new IdentityHashMap<>();
        }
        Long known = treeSizes.get(value);
        if (known != null) {
            return known;
        }
        Iterable<?> children = value instanceof Map<?, ?> map ? map.values() : (List<?>) value;
        long nodes = 1;
        for (Object child : children) {
            nodes = Math.min(nodes + nodes(child), limits.maxValueLength() + 1L);
        }
        if (nodes >= TRACKED_SIZE) {
            treeSizes.put(value, nodes);
        }
        return nodes;
    }

    private void step() {
        if (++steps > limits.maxSteps()) {
            throw new JsonataFunctionError(CODE, "Expression evaluation timeout: Check for infinite loop"
                    + " (more than " + limits.maxSteps() + " evaluation steps)");
        }
    }

    /** Charges characters a regular expression reads; backtracking reads the same ones many times. */
    void read(int chars) {
        charsRead += chars;
        while (charsRead >= CHARS_PER_STEP) {
            charsRead -= CHARS_PER_STEP;
            step();
        }
    }

    /**
     * Fails before a function builds a value of {@code length} characters or elements, so that a value too
     * large is never allocated.
     */
    void requireLength(long length, String function) {
        if (length > limits.maxValueLength()) {
            throw tooLarge("$" + function + " would produce a value of " + length + " characters or elements");
        }
        charge(length);
    }

    private void produced(Object value, int size, String what, String unit) {
        if (size > limits.maxValueLength()) {
            throw tooLarge("The expression produced " + what + " " + size + " " + unit);
        }
        if (size < TRACKED_SIZE) {
            charge(size);
        } else {
            if (charged == null) {
                charged = Collections.newSetFromMap(new IdentityHashMap<>());
            }
            if (charged.add(value)) {
                charge(size);
            }
        }
    }

    private void charge(long size) {
        allocated += size;
        if (allocated > limits.maxAllocation()) {
            throw new JsonataFunctionError(CODE, "Evaluation used too much memory: the strings and arrays it produced"
                    + " add up to more than " + limits.maxAllocation() + " characters and elements");
        }
    }

    /**
     * Fails when {@code value} written as JSON would be longer than a value may be. Shared subtrees count once
     * per occurrence, as in the written text, and the walk stops as soon as the bound is passed, so an object
     * that refers to the same object twice at each of 60 levels is refused rather than written out.
     */
    void requireWritable(Object value, String what) {
        long size = new JsonSizeEstimate(limits.maxValueLength()).add(value);
        if (size > limits.maxValueLength()) {
            throw tooLarge(what + " would be more than " + limits.maxValueLength() + " characters of JSON or nested more than "
                    + MAX_NESTING + " levels deep");
        }
    }

    private JsonataFunctionError tooLarge(String detail) {
        return new JsonataFunctionError(CODE, detail + "; the limit is " + limits.maxValueLength() + ".");
    }

    /**
     * A lower bound on the length of a value's JSON text, counted up to just past {@code bound}; a value nested
     * deeper than JSON may be counts as too long, since nothing can write or read it.
     */
    private static final class JsonSizeEstimate {
        private final long bound;
        private long size;
        private int depth;

        JsonSizeEstimate(long bound) {
            this.bound = bound;
        }

        long add(Object value) {
            if (size > bound) {
                return size;
            }
            if (value instanceof String s) {
                size += s.length() + 2L;
            } else if (value instanceof List<?> list) {
                size += 1 + list.size();
                nest();
                for (Object element : list) {
                    if (add(element) > bound) {
                        break;
                    }
                }
                depth--;
            } else if (value instanceof Map<?, ?> map) {
                size += 1 + map.size();
                nest();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    size += String.valueOf(entry.getKey()).length() + 3L;
                    if (add(entry.getValue()) > bound) {
                        break;
                    }
                }
                depth--;
            } else {
                size += 1;
            }
            return size;
        }

        private void nest() {
            if (++depth > MAX_NESTING) {
                size = bound + 1;
            }
        }
    }
}
