package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.Command;
import io.stepwise.engine.EngineLimits;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.query.Json;
import java.time.Instant;
import io.stepwise.engine.ExecutionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A step that reaches its budget stops and continues; the history must come out exactly as one unbounded step
 * writes it: the same events, ids, previous-event chains, timestamps and details.
 */
class BoundedStepTest {
    private static final Instant T0 = WideMapDriver.T0;
    private static final String ITEMS = "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]";

    private static final String PASS_MAP = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"A","States":{
              "A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}},"Next":"Done"},
             "Done":{"Type":"Pass","End":true}}}""";

    private static final String NESTED = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
              {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":3,"ItemProcessor":{"StartAt":"Inner",
                "States":{"Inner":{"Type":"Map","ItemsPath":"$.list","ItemSelector":{"v.$":"$$.Map.Item.Value"},
                  "ItemProcessor":{"StartAt":"C","States":{
                    "C":{"Type":"Choice","Choices":[{"Variable":"$.v","NumericGreaterThan":1,"Next":"W"}],
                      "Default":"X"},
                    "W":{"Type":"Wait","Seconds":2,"Next":"X"},"X":{"Type":"Pass","End":true}}},"End":true}}},
                "ItemSelector":{"list.$":"$$.Map.Item.Value.items"},"ItemsPath":"$.outer","End":true}}},
              {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
                "End":true}}},
              {"StartAt":"Q","States":{"Q":{"Type":"Pass","Next":"R"},"R":{"Type":"Pass","End":true}}}],
             "End":true}}}""";

    private static final String FAILING = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":3,"ItemProcessor":{"StartAt":"C",
              "States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericGreaterThan":20,"Next":"F"}],
                "Default":"W"},"W":{"Type":"Wait","Seconds":1,"End":true},
                "F":{"Type":"Fail","Error":"Big","Cause":"too big"}}},
              "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
             "Caught":{"Type":"Pass","End":true}}}""";

    private static final String DISTRIBUTED = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED",
              "ExecutionType":"STANDARD"},"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"X"},
              "X":{"Type":"Pass","End":true}}},"End":true}}}""";

    @ParameterizedTest
    @ValueSource(ints = {21, 25, 40, 90})
    void historiesAreThoseOfOneUnboundedStep(int maxStepItems) {
        for (String[] machine : List.of(
                new String[] {PASS_MAP, ITEMS},
                new String[] {NESTED, "{\"outer\":[{\"items\":[1,2,3]},{\"items\":[3,2]},{\"items\":[]},"
                        + "{\"items\":[5,6,7,8]},{\"items\":[1]}]}"},
                new String[] {FAILING, ITEMS},
                new String[] {DISTRIBUTED, ITEMS})) {
            List<String> unbounded = history(machine[0], machine[1], EngineLimits.UNBOUNDED_STEP);
            List<String> bounded = history(machine[0], machine[1], maxStepItems);
            assertThat(bounded).as(machine[0]).containsExactlyElementsOf(unbounded);
        }
    }

    @Test
    void aStepStopsAtItsBudgetAndOnlyItsOwnContinuationResumesIt() {
        Interpreter interpreter = new Interpreter(DefinitionParser.parse(PASS_MAP),
                EngineLimits.AWS.withMaxStepItems(30));
        Step step = interpreter.start(start(ITEMS));
        List<String> refs = new ArrayList<>();
        long lastId = 0;
        while (step.state().continuation != null) {
            assertThat(step.events().size()).isLessThanOrEqualTo(30);
            assertThat(step.events().get(0).id()).isEqualTo(lastId + 1);
            lastId = step.events().get(step.events().size() - 1).id();
            Command.Continue next = (Command.Continue) step.commands().get(step.commands().size() - 1);
            assertThat(next.ref()).isEqualTo(step.state().continuation.ref).isNotIn(refs);
            refs.add(next.ref());
            step = interpreter.apply(step.state(), new Trigger.TimerFired(next.ref()), T0);
        }
        assertThat(refs).hasSizeGreaterThan(2);
        assertThat(step.state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        for (String ref : refs) {
            assertThat(interpreter.apply(step.state(), new Trigger.TimerFired(ref), T0).changed()).isFalse();
        }
    }

    @Test
    void triggersFindTheirBranchWhateverTheStateNames() {
        String odd = """
                {"StartAt":"a/1#b","States":{"a/1#b":{"Type":"Map","ItemProcessor":{"StartAt":"p/0","States":{
                  "p/0":{"Type":"Parallel","Branches":[
                    {"StartAt":"w#1","States":{"w#1":{"Type":"Wait","Seconds":1,"End":true}}},
                    {"StartAt":"12","States":{"12":{"Type":"Task",
                      "Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}}}],"End":true}}},
                  "End":true}}}""";
        List<String> history = history(odd, ITEMS, 25);
        assertThat(history.get(history.size() - 1)).contains("ExecutionSucceeded");
        assertThat(history).containsExactlyElementsOf(history(odd, ITEMS, EngineLimits.UNBOUNDED_STEP));
    }

    @Test
    void aContinuationLostBeforeItsHandOverFiresFromTheStore() {
        WideMapDriver driver = new WideMapDriver(true);
        ExecutionRecord record = driver.run(PASS_MAP, ITEMS);
        assertThat(record.state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(driver.store.commits).isGreaterThan(1);
        assertThat(lines(driver.store.history(record.state().start.executionArn())))
                .containsExactlyElementsOf(history(PASS_MAP, ITEMS, EngineLimits.UNBOUNDED_STEP));
    }

    @Test
    void aTriggerArrivingDuringAnUnfinishedStepIsAppliedAfterIt() {
        WideMapDriver driver = new WideMapDriver(true);
        ExecutionStart start = WideMapDriver.start(ITEMS);
        driver.runner.start(start, FAILING);
        assertThat(driver.store.load(start.executionArn()).orElseThrow().state().continuation).isNotNull();
        driver.runner.deliver(start.executionArn(), new Trigger.StopRequested("E", "stopped"));

        Interpreter unbounded = new Interpreter(DefinitionParser.parse(FAILING),
                EngineLimits.AWS.withMaxStepItems(EngineLimits.UNBOUNDED_STEP));
        Step started = unbounded.start(start);
        Step stopped = unbounded.apply(started.state(), new Trigger.StopRequested("E", "stopped"), WideMapDriver.T0);
        List<HistoryEvent> expected = new ArrayList<>(started.events());
        expected.addAll(stopped.events());
        assertThat(lines(driver.store.history(start.executionArn()))).containsExactlyElementsOf(lines(expected));
    }

    private static List<String> lines(List<HistoryEvent> history) {
        return history.stream().map(e -> e.id() + " " + e.previousEventId() + " " + e.timestamp() + " " + e.type()
                + " " + (e.details() == null ? "" : Json.write(e.details()))).toList();
    }

    private static List<String> history(String definition, String input, int maxStepItems) {
        Interpreter interpreter = new Interpreter(DefinitionParser.parse(definition),
                EngineLimits.AWS.withMaxStepItems(maxStepItems));
        IntegrationRegistry echo = resource -> Optional.of(request -> new TaskOutcome.Succeeded(request.input()));
        return lines(new InMemoryRunner(echo, new VirtualClock(T0)).run(interpreter, start(input)).history());
    }

    private static ExecutionStart start(String input) {
        return WideMapDriver.start(input);
    }
}
