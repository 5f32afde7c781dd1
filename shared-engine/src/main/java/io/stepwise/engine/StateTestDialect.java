package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.FailState;
import io.stepwise.asl.State;

/** What {@link StateTester} does differently for a state written in JSONPath or in JSONata, chosen once per test. */
sealed interface StateTestDialect permits StateTestJsonPath, StateTestJsonata {
    /** Runs the state (not a Fail state) on the test's input. */
    StateTestResult run(State state);

    /**
     * A Fail state's Error and Cause.
     *
     * @throws io.stepwise.query.StatesException when a path or expression fails
     */
    Failure failure(FailState fail);

    /**
     * What {@code catcher} makes of the error: its output and the variables it assigns.
     *
     * @throws io.stepwise.query.StatesException when Assign, ResultPath or Output fails
     */
    Caught caught(Catcher catcher, ObjectNode errorOutput);

    record Failure(String error, String cause) {
    }

    record Caught(JsonNode output, ObjectNode assigned) {
    }
}
