package io.stepwise.engine;

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
        FieldScope scope = dialect.scope(runner, frame, state);
        ObjectNode assigned = scope.assign(state.common().assign());
        for (ChoiceBranch rule : state.choices()) {
            if (scope.matches(rule)) {
                ObjectNode ruleAssigned = scope.assign(rule.assign());
                if (ruleAssigned != null) {
                    assigned = assigned == null ? ruleAssigned : assigned.setAll(ruleAssigned);
                }
                runner.exitTo(frame, state, scope.output(rule.output()), assigned, rule.next());
                return;
            }
        }
        if (state.defaultNext() == null) {
            throw new StatesException(StatesErrors.NO_CHOICE_MATCHED, "No Matches!");
        }
        runner.exitTo(frame, state, scope.output(null), assigned, state.defaultNext());
    }
}
