package io.stepwise.engine;

import static io.stepwise.engine.Execution.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A {@code startExecution.sync} Task in the interpreter: it records {@code TaskSubmitted} once, waits for the
 * child's end under its own ref, and when it ends without the child (stopped, timed out) asks for the child to be
 * stopped, a notice that outlives the execution until the runtime reports it carried out.
 */
class SyncTaskTest {
    private static final String CHILD = "arn:aws:states:us-east-1:123456789012:execution:child:kid";
    private static final String MACHINE = """
            {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
              "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child"},
              "TimeoutSeconds":60,"End":true}}}""";

    private static Execution submitted() {
        Execution ex = Execution.of(MACHINE).start("{}");
        ex.apply(new Trigger.TaskSubmitted(ex.invoke().ref(), json("{\"ExecutionArn\":\"" + CHILD + "\"}")), 1);
        return ex;
    }

    @Test
    void submissionIsRecordedOnceAndTheChildsEndFinishesTheTask() {
        Execution ex = Execution.of(MACHINE).start("{}");
        String ref = ex.invoke().ref();
        Trigger submission = new Trigger.TaskSubmitted(ref, json("{\"ExecutionArn\":\"" + CHILD + "\"}"));

        ex.apply(submission, 1);
        assertThat(ex.types()).containsExactly("TaskSubmitted");
        assertThat(ex.details("TaskSubmitted").get("resource").asText()).isEqualTo("startExecution.sync:2");
        ex.apply(submission, 2);
        assertThat(ex.types()).as("a repeated submission").isEmpty();
        ex.apply(new Trigger.TaskSucceeded(ref, json("{\"Status\":\"SUCCEEDED\"}")), 3);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ex.commands(Command.StopChild.class)).isEmpty();
        assertThat(ex.state.notices).isEmpty();
    }

    @Test
    void stoppingTheParentStopsTheChildUntilTheRuntimeSaysItDid() {
        Execution ex = submitted();

        ex.apply(new Trigger.StopRequested("Halt", null), 5);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.ABORTED);
        Command.StopChild stop = ex.commands(Command.StopChild.class).get(0);
        assertThat(stop.executionArn()).isEqualTo(CHILD);
        assertThat(ex.state.notices).containsExactly(stop.ref());
        ex.apply(new Trigger.TaskSucceeded(stop.ref(), json("{}")), 6);
        assertThat(ex.state.notices).isEmpty();
    }

    @Test
    void aTaskTimeoutStopsTheChildAndItsLateEndChangesNothing() {
        Execution ex = Execution.of(MACHINE).start("{}");
        String ref = ex.invoke().ref();
        Command.StartTimer timeout = ex.timer();
        ex.apply(new Trigger.TaskSubmitted(ref, json("{\"ExecutionArn\":\"" + CHILD + "\"}")), 1);

        ex.apply(Execution.fired(timeout), 60);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.commands(Command.StopChild.class)).extracting(Command.StopChild::executionArn)
                .containsExactly(CHILD);
        int events = ex.history.size();
        ex.apply(new Trigger.TaskFailed(ref, "States.TaskFailed", "{\"Status\":\"ABORTED\"}"), 61);
        assertThat(ex.history).hasSize(events);
    }

    @Test
    void aTaskStoppedBeforeItsChildWasSubmittedHasNoChildToStop() {
        Execution ex = Execution.of(MACHINE).start("{}");

        ex.apply(new Trigger.StopRequested(null, null), 1);

        assertThat(ex.commands(Command.StopChild.class)).isEmpty();
        assertThat(ex.state.notices).isEmpty();
    }
}
