package io.stepwise.asl.choice;

import io.stepwise.query.EvalContext;

/** TEMPORARY placeholder, replaced by the choice branch. */
public interface ChoiceRule {
    boolean matches(EvalContext ctx);
}
