package io.stepwise.asl.validation;

/** The two dialects a state can be written in. */
enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String aslName;

    QueryLanguage(String aslName) {
        this.aslName = aslName;
    }

    String aslName() {
        return aslName;
    }

    /** The dialect a {@code QueryLanguage} value selects, or {@code null} for a value that is not one. */
    static QueryLanguage fromAsl(String value) {
        for (QueryLanguage language : values()) {
            if (language.aslName.equals(value)) {
                return language;
            }
        }
        return null;
    }
}
