package io.stepwise.asl;

/** The two query languages of ASL; a state inherits the top-level choice unless it sets its own. */
public enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String text;

    QueryLanguage(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static QueryLanguage parse(String text) {
        for (QueryLanguage language : values()) {
            if (language.text.equals(text)) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown QueryLanguage: " + text);
    }
}
