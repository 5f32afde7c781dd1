package io.stepwise.asl.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** State shared by all rules during one validation: settings, the findings so far, the names seen. */
final class ValidationContext {
    private final boolean express;
    private final ExpressionChecker checker;
    private QueryLanguage topLevelLanguage = QueryLanguage.JSONPATH;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<String> stateNames = new HashSet<>();

    ValidationContext(boolean express, ExpressionChecker checker) {
        this.express = express;
        this.checker = checker;
    }

    boolean express() {
        return express;
    }

    ExpressionChecker checker() {
        return checker;
    }

    QueryLanguage topLevelLanguage() {
        return topLevelLanguage;
    }

    void topLevelLanguage(QueryLanguage language) {
        this.topLevelLanguage = language;
    }

    void report(String code, String message, String location) {
        diagnostics.add(Diagnostic.error(code, message, location));
    }

    void schema(String message, String location) {
        report(Diagnostic.SCHEMA_VALIDATION_FAILED, message, location);
    }

    /** @return false when the name was already used: names are unique across the whole machine */
    boolean registerStateName(String name) {
        return stateNames.add(name);
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
