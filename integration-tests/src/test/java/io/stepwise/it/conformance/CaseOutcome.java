package io.stepwise.it.conformance;

/** What one recorded case gave: passed, failed (with the first difference), or skipped (with the rule). */
record CaseOutcome(String id, String category, Result result, String detail) {
    enum Result { PASSED, FAILED, SKIPPED }
}
