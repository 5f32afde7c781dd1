package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.engine.Command;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.query.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one mapping from an integration call to the trigger that answers it, shared by every runner. */
class TaskInvokerTest {
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:m:e";
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:f";

    private static Command.InvokeTask task(String resource) {
        return new Command.InvokeTask("T#3#1", "T", resource, Json.parse("{\"a\":1}"), null, null, null, null);
    }

    private static Optional<Trigger> invoke(Integration integration) {
        return new TaskInvoker(resource -> Optional.of(integration)).invoke(EXECUTION, task(LAMBDA));
    }

    @Test
    void aResultAnswersTheTaskItWasCalledFor() {
        assertThat(invoke(request -> new TaskOutcome.Succeeded(request.input())))
                .contains(new Trigger.TaskSucceeded("T#3#1", Json.parse("{\"a\":1}")));
    }

    @Test
    void aFailureTheIntegrationReportsKeepsTheServicesErrorName() {
        assertThat(invoke(request -> new TaskOutcome.Failed("Lambda.ServiceException", "down")))
                .contains(new Trigger.TaskFailed("T#3#1", "Lambda.ServiceException", "down"));
    }

    @Test
    void anUnexpectedExceptionIsStatesTaskFailed() {
        assertThat(invoke(request -> {
            throw new IllegalStateException("kaput");
        })).contains(new Trigger.TaskFailed("T#3#1", "States.TaskFailed", "IllegalStateException: kaput"));
    }

    @Test
    void noOutcomeIsStatesTaskFailed() {
        assertThat(invoke(request -> null)).hasValueSatisfying(answer ->
                assertThat(((Trigger.TaskFailed) answer).error()).isEqualTo("States.TaskFailed"));
    }

    @Test
    void aCallbackTaskHasNoAnswerYet() {
        assertThat(invoke(request -> new TaskOutcome.Pending())).isEmpty();
    }

    @Test
    void aFunctionNothingServesIsNotFound() {
        Optional<Trigger> answer = new TaskInvoker(resource -> Optional.empty()).invoke(EXECUTION, task(LAMBDA));

        assertThat(answer).hasValueSatisfying(failed ->
                assertThat(((Trigger.TaskFailed) failed).error()).isEqualTo("Lambda.ResourceNotFoundException"));
    }

    @Test
    void theRequestCarriesTheTaskAndItsExecution() {
        Optional<Trigger> answer = invoke(request -> new TaskOutcome.Succeeded(TextNode.valueOf(
                request.executionArn() + " " + request.stateName() + " " + request.resource())));

        assertThat(answer).contains(new Trigger.TaskSucceeded("T#3#1",
                TextNode.valueOf(EXECUTION + " T " + LAMBDA)));
    }
}
