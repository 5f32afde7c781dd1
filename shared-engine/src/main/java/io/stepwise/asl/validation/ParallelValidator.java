package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Parallel: each branch is a complete nested workflow. */
final class ParallelValidator {
    private static final Set<String> BRANCH_FIELDS = Set.of("StartAt", "States", "Comment");

    private ParallelValidator() {
    }

    static void validate(StateScope s) {
        if (!FieldRules.required(s.node(), s.location(), s.ctx(), "Branches")) {
            return;
        }
        JsonNode branches = s.get("Branches");
        if (!branches.isArray() || branches.isEmpty()) {
            s.ctx().schema("Value cannot be empty", s.at("Branches"));
            return;
        }
        for (int i = 0; i < branches.size(); i++) {
            String at = Locations.item(s.at("Branches"), i);
            JsonNode branch = branches.get(i);
            if (!branch.isObject()) {
                s.ctx().schema("Value must be an object", at);
                continue;
            }
            FieldRules.supported(branch, at, BRANCH_FIELDS, s.ctx());
            StatesBlockValidator.validate(branch, at, s.ctx());
        }
    }
}
