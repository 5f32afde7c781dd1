package io.stepwise.query.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.dashjoin.jsonata.Jsonata.JFunction;
import java.util.ArrayList;
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
 * <p>They are bound the way the library binds its own functions (by name, signature and method), so arguments
 * are checked and converted, a missing first argument is taken from the context, and partial application
 * works exactly as for the built-ins. That is also why the class and its functions are public: the library
 * calls them reflectively.
 */
public final class GuardedFunctions {
    private static final Map<String, JFunction> FUNCTIONS = Map.of(
            "pad", function("pad", "<s-ns?:s>"),
            "split", function("split", "<s-(sf)n?:a<s>>"),
            "match", function("match", "<s-f<s:o>n?:a<o>>"),
            "contains", function("contains", "<s-(sf):b>"),
            "replace", function("replace", "<s-(sf)(sf)n?:s>"),
            "join", function("join", "<a<s>s?:s>"),
            "string", function("string", "<x-b?:s>"));

    private GuardedFunctions() {
    }

    private static JFunction function(String name, String signature) {
        return new JFunction(name, signature, GuardedFunctions.class, null, name);
    }

    static void bindInto(Frame frame) {
        FUNCTIONS.forEach(frame::bind);
    }

    /** Same result as the library: {@code |width|} code points, padded on the right, or the left if negative. */
    public static String pad(String text, Number width, String padding) {
        if (text == null) {
            return null;
        }
        String fillWith = padding == null || padding.isEmpty() ? " " : padding;
        long missing = Math.abs((long) width.intValue()) - text.codePointCount(0, text.length());
        if (missing <= 0) {
            return text;
        }
        int[] codePoints = fillWith.codePoints().toArray();
        long fill = missing / codePoints.length * fillWith.length()
                + fillWith.offsetByCodePoints(0, (int) (missing % codePoints.length));
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

    public static List<String> split(String text, Object separator, Number limit) {
        if (text != null && separator instanceof Pattern pattern) {
            dryRun(pattern, text);
        }
        if (text != null && "".equals(separator) && (limit == null || limit.doubleValue() >= 0)) {
            return splitIntoChars(text, limit);
        }
        return Functions.split(text, separator, limit);
    }

    /** As JavaScript's {@code "abc".split("")}: one string per UTF-16 unit, up to the limit. */
    private static List<String> splitIntoChars(String text, Number limit) {
        long count = limit == null ? text.length() : Math.min(text.length(), (long) limit.doubleValue());
        EvaluationBudget.current().requireLength(count, "split");
        List<String> parts = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            parts.add(String.valueOf(text.charAt(i)));
        }
        return parts;
    }

    @SuppressWarnings("rawtypes")
    public static List<Map> match(String text, Pattern pattern, Integer limit) {
        if (text != null && pattern != null) {
            dryRun(pattern, text);
        }
        return Functions.match(text, pattern, limit);
    }

    public static Boolean contains(String text, Object token) {
        if (text != null && token instanceof Pattern pattern) {
            dryRun(pattern, text);
        }
        return Functions.contains(text, token);
    }

    public static String replace(String text, Object pattern, Object replacement, Integer limit) {
        if (text != null) {
            long matches = Long.MAX_VALUE;
            long longestMatch = 0;
            if (pattern instanceof Pattern regex) {
                long[] found = dryRun(regex, text);
                matches = found[0];
                longestMatch = found[1];
            } else if (pattern instanceof String p && !p.isEmpty()) {
                matches = occurrences(text, p);
                longestMatch = p.length();
            }
            if (limit != null && limit >= 0) {
                matches = Math.min(matches, limit);
            }
            if (replacement instanceof String r && matches != Long.MAX_VALUE) {
                // Each "$n" in the replacement inserts a group, which is at most as long as the whole match.
                long references = r.chars().filter(c -> c == '$').count();
                EvaluationBudget.current().requireLength(
                        text.length() + matches * (r.length() + references * longestMatch), "replace");
            }
        }
        return Functions.replace(text, pattern, replacement, limit);
    }

    private static long occurrences(String text, String part) {
        long count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    public static String join(List<String> strings, String separator) {
        if (strings != null) {
            long length = (long) Math.max(0, strings.size() - 1) * (separator == null ? 0 : separator.length());
            for (Object element : strings) {
                length += element instanceof String s ? s.length() : 0;
            }
            EvaluationBudget.current().requireLength(length, "join");
        }
        return Functions.join(strings, separator);
    }

    public static String string(Object value, Boolean prettify) {
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            EvaluationBudget.current().requireWritable(value, "$string");
        }
        return Functions.string(value, prettify);
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
