package io.stepwise.asl.validation;

/**
 * Builds the locations AWS reports: JSON-pointer-like for object fields, {@code [i]} for array items.
 * The root is kept as the empty string while building and shown as {@code /}.
 */
final class Locations {
    static final String ROOT = "";

    private Locations() {
    }

    static String field(String base, String name) {
        return base + "/" + name;
    }

    static String item(String base, int index) {
        return base + "[" + index + "]";
    }

    static String shown(String base) {
        return base.isEmpty() ? "/" : base;
    }
}
