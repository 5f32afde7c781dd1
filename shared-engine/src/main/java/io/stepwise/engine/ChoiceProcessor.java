package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.ChoiceBranch;
import io.stepwise.asl.ChoiceState;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;

/**
 * Choice: the first rule that matches names the next state, else {@code Default}, else the state fails with
 * {@code States.NoChoiceMatched}. The state's Assign and the matching rule's are evaluated over the same input.
 */
record ChoiceProcessor(ChoiceState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        Choice choice = choose(state, dialect.scope(runner, frame, state));
        runner.exitTo(frame, state, choice.output(), choice.assigned(), choice.next());
    }

    /**
     * Where {@code choice} goes from {@code scope}, with the output and variables it leaves with.
     *
     * @throws StatesException {@code States.NoChoiceMatched} when no rule matches and there is no Default
     */
    static Choice choose(ChoiceState choice, FieldScope scope) {
        ObjectNode assigned = scope.assign(choice.common().assign());
        for (ChoiceBranch rule : choice.choices()) {
            if (scope.matches(rule)) {
                ObjectNode ruleAssigned = scope.assign(rule.assign());
                if (ruleAssigned != null) {
                    assigned = assigned == null ? ruleAssigned : assigned.setAll(ruleAssigned);
                }
                return new Choice(scope.output(rule.output()), assigned, rule.next());
            }
        }
        if (choice.defaultNext() == null) {
            throw new StatesException(StatesErrors.NO_CHOICE_MATCHED, "No Matches!");
        }
        return new Choice(scope.output(null), assigned, choice.defaultNext());
    }

    /** A Choice state's way out: its output, the variables it assigns ({@code null} for none) and the next state. */
    record Choice(JsonNode output, ObjectNode assigned, String next) {
    }
}
