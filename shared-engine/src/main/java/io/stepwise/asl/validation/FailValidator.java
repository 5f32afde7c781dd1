package io.stepwise.asl.validation;

/** Fail: static Error/Cause or their Path forms, never both. */
final class FailValidator {
    private FailValidator() {
    }

    static void validate(StateScope s) {
        FieldRules.exclusive(s.node(), s.location(), s.ctx(), "Error", "ErrorPath");
        FieldRules.exclusive(s.node(), s.location(), s.ctx(), "Cause", "CausePath");
        if (s.jsonPath()) {
            FieldRules.string(s.node(), "Error", s.at("Error"), s.ctx());
            FieldRules.string(s.node(), "Cause", s.at("Cause"), s.ctx());
            PathRules.pathOrIntrinsic(s.node(), "ErrorPath", s.location(), s.ctx());
            PathRules.pathOrIntrinsic(s.node(), "CausePath", s.location(), s.ctx());
        } else {
            JsonataRules.field(s.node(), "Error", s.location(), s.ctx());
            JsonataRules.field(s.node(), "Cause", s.location(), s.ctx());
        }
    }
}
