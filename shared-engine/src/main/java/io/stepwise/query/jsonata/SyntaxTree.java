package io.stepwise.query.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read access to the parsed tree of a {@link Jsonata} expression. The library keeps its tree
 * ({@code Parser.Symbol}) package-private, and static checks need it, so its fields are read reflectively;
 * nodes stay opaque {@code Object}s outside this class.
 */
final class SyntaxTree {
    private static final Field AST = field(Jsonata.class, "ast");
    private static final Class<?> SYMBOL = AST.getType();
    private static final Map<String, Field> SYMBOL_FIELDS = new ConcurrentHashMap<>();

    private SyntaxTree() {
    }

    static Object root(Jsonata expression) {
        return read(AST, expression);
    }

    static boolean isNode(Object value) {
        return SYMBOL.isInstance(value);
    }

    static String type(Object node) {
        return (String) get(node, "type");
    }

    static Object value(Object node) {
        return get(node, "value");
    }

    /** A single child node, or {@code null}. */
    static Object child(Object node, String role) {
        return get(node, role);
    }

    /** A list of child nodes; object constructors' key/value pairs come flattened. */
    static List<?> children(Object node, String role) {
        Object value = get(node, role);
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        if (!list.isEmpty() && list.get(0) instanceof Object[]) {
            return list.stream().flatMap(pair -> Arrays.stream((Object[]) pair)).toList();
        }
        return list;
    }

    static Object get(Object node, String name) {
        return read(SYMBOL_FIELDS.computeIfAbsent(name, n -> field(SYMBOL, n)), node);
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("unsupported JSONata library version: no field " + name, e);
        }
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
