package io.stepwise.it.conformance;

/** A case that cannot run here (a service it needs is missing): recorded as skipped with the reason. */
final class CaseSkipped extends RuntimeException {
    CaseSkipped(String reason) {
        super(reason, null, false, false);
    }
}
