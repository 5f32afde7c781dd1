package io.stepwise.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSONPath compiled once at parse time. Besides plain paths on the current value ({@code $.a.b}) it
 * addresses the context object ({@code $$.Execution.Id}) and variables ({@code $name.field}), as ASL
 * allows in every field that takes a path.
 */
public final class JsonPathExpression {
    private static final LongAdder COMPILATIONS = new LongAdder();
    static final Configuration CONFIG = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(EnumSet.noneOf(Option.class))
            .build();

    /** Where a path starts from. */
    public enum Root { INPUT, CONTEXT, VARIABLE }

    private final String text;
    private final Root root;
    private final String variable;
    private static final Pattern SEGMENT = Pattern.compile("\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d+)\\]");

    private final JsonPath path;
    /** Keys (String) and indexes (Integer) of a plain dotted/indexed path; {@code null} for anything else. */
    private final List<Object> segments;

    private JsonPathExpression(String text, Root root, String variable, JsonPath path) {
        this.text = text;
        this.root = root;
        this.variable = variable;
        this.path = path;
        this.segments = path == null ? List.of() : simpleSegments(path);
    }

    private static List<Object> simpleSegments(JsonPath path) {
        if (!path.isDefinite()) {
            return null;
        }
        String normalized = path.getPath();
        List<Object> out = new ArrayList<>();
        Matcher m = SEGMENT.matcher(normalized);
        int pos = 1;
        while (pos < normalized.length() && m.find(pos) && m.start() == pos) {
            if (m.group(1) != null) {
                out.add(m.group(1).replace("\\'", "'"));
            } else {
                out.add(Integer.parseInt(m.group(2)));
            }
            pos = m.end();
        }
        return pos == normalized.length() ? List.copyOf(out) : null;
    }

    /**
     * The keys and indexes of a plain path such as {@code $.a[0].b}, or {@code null} when the path uses
     * anything else (wildcards, slices, filters, functions).
     */
    public List<Object> segments() {
        return segments;
    }

    /**
     * How many paths this JVM has compiled: for tests that hold compilation to the parsing of a definition.
     */
    public static long compilations() {
        return COMPILATIONS.sum();
    }

    /**
     * Compiles {@code text}.
     *
     * @throws IllegalArgumentException when the text is not a JSONPath ASL accepts
     */
    public static JsonPathExpression compile(String text) {
        COMPILATIONS.increment();
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("a path must start with '$': " + text);
        }
        Root root;
        String variable = null;
        String rest;
        if (text.startsWith("$$")) {
            root = Root.CONTEXT;
            rest = "$" + text.substring(2);
        } else if (text.length() > 1 && isIdentifierStart(text.charAt(1))) {
            root = Root.VARIABLE;
            int end = 1;
            while (end < text.length() && isIdentifierPart(text.charAt(end))) {
                end++;
            }
            variable = text.substring(1, end);
            rest = "$" + text.substring(end);
        } else {
            root = Root.INPUT;
            rest = text;
        }
        JsonPath compiled = null;
        if (!rest.equals("$")) {
            requireClosedBrackets(text);
            try {
                compiled = JsonPath.compile(quoteBareFilterValues(keepBackslashesInQuotedNames(rest)));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            } catch (StackOverflowError e) {
                // Jayway compiles a path recursively, one level per segment: thousands overflow the stack.
                throw new IllegalArgumentException("the path has too many segments to compile: " + text.length()
                        + " characters");
            }
        }
        return new JsonPathExpression(text, root, variable, compiled);
    }

    /**
     * Jayway drops an unterminated trailing {@code [} ({@code $.a[} compiles as {@code $.a}), so a path that reads
     * something other than what was written would pass validation; every {@code [} outside a quoted name must be
     * closed, and every quoted name in brackets (a quote outside brackets is part of a dot-notation name).
     */
    private static void requireClosedBrackets(String path) {
        int open = 0;
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (open > 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == '[') {
                open++;
            } else if (c == ']' && open > 0) {
                open--;
            }
        }
        if (open > 0 || quote != 0) {
            throw new IllegalArgumentException("unterminated '" + (quote != 0 ? String.valueOf(quote) : "[")
                    + "' in path " + path);
        }
    }

    /**
     * AWS reads a backslash inside a quoted bracket name literally ({@code $['a\"b']} selects the key
     * {@code a\"b}), while Jayway treats it as an escape; doubling it makes Jayway read it literally too. A
     * backslash before the closing quote character still escapes that quote.
     */
    private static String keepBackslashesInQuotedNames(String path) {
        StringBuilder out = new StringBuilder(path.length());
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote == 0) {
                if (c == '\'' || c == '"') {
                    quote = c;
                }
                out.append(c);
            } else if (c == '\\') {
                boolean escapesQuote = i + 1 < path.length() && path.charAt(i + 1) == quote;
                out.append(escapesQuote ? "\\" + path.charAt(++i) : "\\\\");
            } else {
                if (c == quote) {
                    quote = 0;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * AWS accepts a bare word as the right-hand side of a filter comparison and compares it as a string:
     * {@code $.items[?(@.name==Receipt)]} selects the items named "Receipt". Such paths appear in definitions
     * that run on AWS (e.g. {@code [?(@.OutputKey == FooBar)]}, which the path grammar of
     * github.com/massfords/asl-path-validator, built from what deployed Step Functions accept, allows as
     * {@code @.ID op ID}). Jayway rejects them, so the word is quoted before Jayway compiles the path;
     * {@code true}, {@code false}, {@code null}, numbers, paths and quoted strings are left alone.
     */
    static String quoteBareFilterValues(String path) {
        if (!path.contains("?(")) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 8);
        char quote = 0;
        int filterDepth = 0;
        int parens = 0;
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < path.length()) {
                    out.append(path.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                i++;
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '?' && i + 1 < path.length() && path.charAt(i + 1) == '(') {
                filterDepth++;
            } else if (filterDepth > 0 && c == '(') {
                parens++;
            } else if (filterDepth > 0 && c == ')') {
                parens--;
                if (parens == 0) {
                    filterDepth--;
                }
            }
            out.append(c);
            i++;
            if (filterDepth > 0 && isComparison(path, i - 1)) {
                if (i < path.length() && path.charAt(i) == '=') {
                    out.append('=');
                    i++;
                }
                while (i < path.length() && path.charAt(i) == ' ') {
                    out.append(' ');
                    i++;
                }
                int end = i;
                while (end < path.length() && isBareWordPart(path.charAt(end))) {
                    end++;
                }
                String word = path.substring(i, end);
                if (end > i && isIdentifierStart(path.charAt(i)) && !word.equals("true") && !word.equals("false")
                        && !word.equals("null")) {
                    out.append('\'').append(word).append('\'');
                    i = end;
                }
            }
        }
        return out.toString();
    }

    /** True when the character at {@code at} begins one of {@code == != < <= > >=}. */
    private static boolean isComparison(String path, int at) {
        char c = path.charAt(at);
        char next = at + 1 < path.length() ? path.charAt(at + 1) : 0;
        char previous = at > 0 ? path.charAt(at - 1) : 0;
        if (c == '<' || c == '>') {
            return true;
        }
        return (c == '=' || c == '!') && next == '=' && previous != '=' && previous != '!'
                && previous != '<' && previous != '>';
    }

    private static boolean isBareWordPart(char c) {
        return c != ')' && c != ']' && c != ' ' && c != '&' && c != '|' && c != '\'' && c != '"' && c != ','
                && c != '(' && c != '[';
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isUnicodeIdentifierStart(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isUnicodeIdentifierPart(c) && c != '\u0000';
    }

    public String text() {
        return text;
    }

    public Root root() {
        return root;
    }

    /** The variable name for {@link Root#VARIABLE} paths, otherwise {@code null}. */
    public String variable() {
        return variable;
    }

    /** True when the path selects a single value rather than a list ({@code $..a} and filters are indefinite). */
    public boolean isDefinite() {
        return path == null || path.isDefinite();
    }

    /** True for {@code $} alone: the whole current value. */
    public boolean isRoot() {
        return path == null && root == Root.INPUT;
    }

    /**
     * Reads the value the path selects.
     *
     * @throws PathNotFound when the path selects nothing (a missing key, an index out of range, an
     *     undefined variable)
     */
    public JsonNode read(EvalContext ctx) {
        JsonNode base = switch (root) {
            case INPUT -> ctx.input();
            case CONTEXT -> ctx.context();
            case VARIABLE -> {
                JsonNode value = ctx.variables().lookup(variable);
                if (value == null) {
                    throw new PathNotFound(this, "Undefined variable: " + variable);
                }
                yield value;
            }
        };
        return readFrom(base);
    }

    /** Reads the path against {@code document}, ignoring the path's root kind. */
    public JsonNode readFrom(JsonNode document) {
        if (document == null) {
            document = NullNode.getInstance();
        }
        if (path == null) {
            return document;
        }
        if (segments != null) {
            return walk(document);
        }
        try {
            JsonNode result = path.read(document, CONFIG);
            if (result == null) {
                // The Jackson provider answers an index past the end with Java null; JSON null is a NullNode.
                throw new PathNotFound(this, "No results for path: " + path.getPath());
            }
            return result;
        } catch (PathNotFoundException e) {
            if (!path.isDefinite()) {
                // AWS answers a wildcard or slice over a missing array with an empty list, not an error.
                return Json.MAPPER.createArrayNode();
            }
            throw new PathNotFound(this, e.getMessage());
        } catch (RuntimeException e) {
            // Jayway raises various exceptions when the document does not have the shape the path expects
            // (an index applied to an object, a property to a scalar); to ASL these all mean "not found".
            throw new PathNotFound(this, e.getMessage());
        }
    }

    /** Plain paths are walked directly: faster, and exact about "missing" (Jayway reads a bad index as null). */
    private JsonNode walk(JsonNode document) {
        JsonNode cursor = document;
        for (int i = 0; i < segments.size(); i++) {
            Object segment = segments.get(i);
            JsonNode next = segment instanceof String key
                    ? (cursor.isObject() ? cursor.get(key) : null)
                    : (cursor.isArray() ? cursor.get((Integer) segment) : null);
            if (next == null) {
                throw new PathNotFound(this, notFoundMessage(i));
            }
            cursor = next;
        }
        return cursor;
    }

    /** Jayway's wording, which AWS passes through: a missing leaf has no results, a missing step is missing. */
    private String notFoundMessage(int failedSegment) {
        if (failedSegment == segments.size() - 1) {
            return "No results for path: " + path.getPath();
        }
        StringBuilder prefix = new StringBuilder("$");
        for (int i = 0; i <= failedSegment; i++) {
            Object segment = segments.get(i);
            prefix.append(segment instanceof String key ? "['" + key.replace("'", "\\'") + "']" : "[" + segment + "]");
        }
        return "Missing property in path " + prefix;
    }

    @Override
    public String toString() {
        return text;
    }

    /** A path that selected nothing; callers turn it into the error the field calls for. */
    public static final class PathNotFound extends RuntimeException {
        private final transient JsonPathExpression path;

        public PathNotFound(JsonPathExpression path, String message) {
            super(message, null, false, false);
            this.path = path;
        }

        public JsonPathExpression path() {
            return path;
        }
    }
}
