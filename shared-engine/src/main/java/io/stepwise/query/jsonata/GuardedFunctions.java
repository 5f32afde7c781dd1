package io.stepwise.query.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.dashjoin.jsonata.Jsonata.JFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stand-ins for the built-in functions whose work or output one call can make unbounded: they charge the
 * {@linkplain EvaluationBudget#current() evaluation's budget} first and refuse what it cannot afford, then
 * leave the work to the library, so results and argument errors stay the library's own.
 *
 * <ul>
 *   <li>{@code $match}, {@code $contains}, {@code $split}, {@code $replace} with a regular expression: a pattern
 *       such as {@code /(.*a){12}b/} backtracks exponentially inside one call. The pattern is first run over
 *       a text that charges every character it reads, so a runaway pattern fails at the budget; only a run
 *       that finishes is repeated by the library.</li>
 *   <li>{@code $pad}: the library builds the padding by repeated concatenation, quadratic in the width, so it is
 *       built here.</li>
 *   <li>{@code $split} with an empty separator, also quadratic in the library, is built here.</li>
 *   <li>{@code $join}, {@code $replace}, {@code $string}: their result can be far larger than their arguments
 *       (the same long string joined a million times), so its size is checked before it is built.</li>
 * </ul>
 *
 * <p>Signatures are the library's, so arguments are checked, and a missing first argument is taken from the
 * context, exactly as for the built-ins.
 */
final class GuardedFunctions {
    private static final JFunction PAD = new JFunction((input, args) -> pad(args), "<s-ns?:s>");
    private static final JFunction SPLIT = new JFunction((input, args) -> split(args), "<s-(sf)n?:a<s>>");
    private static final JFunction MATCH = new JFunction((input, args) -> match(args), "<s-f<s:o>n?:a<o>>");
    private static final JFunction CONTAINS = new JFunction((input, args) -> contains(args), "<s-(sf):b>");
    private static final JFunction REPLACE = new JFunction((input, args) -> replace(args), "<s-(sf)(sf)n?:s>");
    private static final JFunction JOIN = new JFunction((input, args) -> join(args), "<a<s>s?:s>");
    private static final JFunction STRING = new JFunction((input, args) -> string(args), "<x-b?:s>");

    private GuardedFunctions() {
    }

    static void bindInto(Frame frame) {
        frame.bind("pad", PAD);
        frame.bind("split", SPLIT);
        frame.bind("match", MATCH);
        frame.bind("contains", CONTAINS);
        frame.bind("replace", REPLACE);
        frame.bind("join", JOIN);
        frame.bind("string", STRING);
    }

    private static Object library(String function, List<?> args) throws Throwable {
        @SuppressWarnings("unchecked")
        List<Object> arguments = (List<Object>) args;
        return Functions.call(Functions.class, null, function, arguments);
    }

    private static Object argument(List<?> args, int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** Same result as the library: {@code |width|} code points, padded on the right, or the left if negative. */
    static Object pad(List<?> args) throws Throwable {
        if (!(argument(args, 0) instanceof String text) || !(argument(args, 1) instanceof Number width)) {
            return library("pad", args);
        }
        String padding = argument(args, 2) instanceof String p && !p.isEmpty() ? p : " ";
        long missing = Math.abs((long) width.intValue()) - text.codePointCount(0, text.length());
        if (missing <= 0) {
            return text;
        }
        int[] codePoints = padding.codePoints().toArray();
        long fill = missing / codePoints.length * padding.length()
                + padding.offsetByCodePoints(0, (int) (missing % codePoints.length));
        EvaluationBudget.current().requireLength(text.length() + fill, "pad");
        StringBuilder padded = new StringBuilder((int) (text.length() + fill));
        if (width.intValue() > 0) {
            padded.append(text);
        }
        for (long i = 0; i < missing; i++) {
            padded.appendCodePoint(codePoints[(int) (i % codePoints.length)]);
        }
        return width.intValue() < 0 ? padded.append(text).toString() : padded.toString();
    }

    static Object split(List<?> args) throws Throwable {
        Object text = argument(args, 0);
        Object separator = argument(args, 1);
        if (text instanceof String s && separator instanceof Pattern pattern) {
            dryRun(pattern, s);
        }
        if (text instanceof String s && "".equals(separator)) {
            return splitIntoChars(s, argument(args, 2));
        }
        return library("split", args);
    }

    /** As JavaScript's {@code "abc".split("")}: one string per UTF-16 unit, up to the limit. */
    private static Object splitIntoChars(String text, Object limit) throws Throwable {
        long count = text.length();
        if (limit instanceof Number n) {
            if (n.doubleValue() < 0) {
                return library("split", Arrays.asList(text, "", limit));
            }
            count = Math.min(count, (long) n.doubleValue());
        }
        EvaluationBudget.current().requireLength(count, "split");
        List<String> parts = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            parts.add(String.valueOf(text.charAt(i)));
        }
        return parts;
    }

    static Object match(List<?> args) throws Throwable {
        if (argument(args, 0) instanceof String s && argument(args, 1) instanceof Pattern pattern) {
            dryRun(pattern, s);
        }
        return library("match", args);
    }

    static Object contains(List<?> args) throws Throwable {
        if (argument(args, 0) instanceof String s && argument(args, 1) instanceof Pattern pattern) {
            dryRun(pattern, s);
        }
        return library("contains", args);
    }

    static Object replace(List<?> args) throws Throwable {
        Object text = argument(args, 0);
        Object pattern = argument(args, 1);
        Object replacement = argument(args, 2);
        if (text instanceof String s) {
            long matches = Long.MAX_VALUE;
            long longestMatch = 0;
            if (pattern instanceof Pattern regex) {
                long[] found = dryRun(regex, s);
                matches = found[0];
                longestMatch = found[1];
            } else if (pattern instanceof String p && !p.isEmpty()) {
                matches = occurrences(s, p);
                longestMatch = p.length();
            }
            if (argument(args, 3) instanceof Number limit && limit.doubleValue() >= 0) {
                matches = Math.min(matches, (long) limit.doubleValue());
            }
            if (replacement instanceof String r && matches != Long.MAX_VALUE) {
                // Each "$n" in the replacement inserts a group, which is at most as long as the whole match.
                long references = r.chars().filter(c -> c == '$').count();
                EvaluationBudget.current().requireLength(s.length() + matches * (r.length() + references * longestMatch),
                        "replace");
            }
        }
        return library("replace", args);
    }

    private static long occurrences(String text, String part) {
        long count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    static Object join(List<?> args) throws Throwable {
        if (argument(args, 0) instanceof List<?> strings) {
            String separator = argument(args, 1) instanceof String s ? s : "";
            long length = (long) Math.max(0, strings.size() - 1) * separator.length();
            for (Object element : strings) {
                length += element instanceof String s ? s.length() : 0;
            }
            EvaluationBudget.current().requireLength(length, "join");
        }
        return library("join", args);
    }

    static Object string(List<?> args) throws Throwable {
        Object value = argument(args, 0);
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            EvaluationBudget.current().requireWritable(value, "$string");
        }
        return library("string", args);
    }

    /**
     * Runs {@code pattern} over {@code text} as the library will, charging every character read.
     *
     * @return the number of matches and the length of the longest
     */
    private static long[] dryRun(Pattern pattern, String text) {
        EvaluationBudget budget = EvaluationBudget.current();
        Matcher matcher = pattern.matcher(new ChargedText(text, budget));
        long matches = 0;
        long longest = 0;
        while (matcher.find()) {
            matches++;
            longest = Math.max(longest, matcher.end() - matcher.start());
            budget.read(1);
        }
        return new long[] {matches, longest};
    }

    /** The text a regular expression reads during a dry run; every character read is charged to the budget. */
    private record ChargedText(String text, EvaluationBudget budget) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            budget.read(1);
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new ChargedText(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
