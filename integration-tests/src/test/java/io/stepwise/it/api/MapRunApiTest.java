package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.MapRunArns;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * A Distributed Map through the SDK against {@code stepwise serve}: its iterations are child executions with their
 * own ARNs, records and histories, and its Map Run is described, listed and updated through the Map Run API.
 */
class MapRunApiTest extends ApiServerTest {
    private static String map(String processor, String extra) {
        return """
                {"StartAt":"Map","States":{"Map":{"Type":"Map",%s
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                    "StartAt":"Work","States":{"Work":%s}},"End":true}}}""".formatted(extra, processor);
    }

    private String start(String definition, String input) {
        String machine = sfn.createStateMachine(b -> b.name("dmap").definition(definition).roleArn(ROLE))
                .stateMachineArn();
        return sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
    }

    private String mapRunArn(String execution) {
        return sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
                .filter(e -> e.type() == HistoryEventType.MAP_RUN_STARTED).findFirst().orElseThrow()
                .mapRunStartedEventDetails().mapRunArn();
    }

    private List<String> tokens(int count) throws InterruptedException {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String token = server.issuedTokens().poll(5, TimeUnit.SECONDS);
            assertThat(token).as("task token " + i).isNotNull();
            tokens.add(token);
        }
        return tokens;
    }

    @Test
    void iterationsAreChildExecutionsListedAndDescribedByTheirMapRun() throws Exception {
        String execution = start(map("{\"Type\":\"Pass\",\"Parameters\":{\"twice.$\":\"States.MathAdd($, $)\"},"
                + "\"End\":true}", "\"MaxConcurrency\":2,\"Label\":\"Doubler\","), "[1,2,3,4,5]");

        DescribeExecutionResponse done = Await.end(sfn, execution);

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[{\"twice\":2},{\"twice\":4},{\"twice\":6},{\"twice\":8},{\"twice\":10}]");
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution)).events()).extracting(HistoryEvent::type)
                .containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.MAP_STATE_ENTERED,
                        HistoryEventType.MAP_STATE_STARTED, HistoryEventType.MAP_RUN_STARTED,
                        HistoryEventType.MAP_RUN_SUCCEEDED, HistoryEventType.MAP_STATE_SUCCEEDED,
                        HistoryEventType.MAP_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
        String mapRun = mapRunArn(execution);
        assertThat(mapRun).contains(":mapRun:dmap/Doubler:");

        assertThat(sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns()).singleElement()
                .satisfies(run -> assertThat(run.mapRunArn()).isEqualTo(mapRun));
        DescribeMapRunResponse run = sfn.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(run.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(run.executionArn()).isEqualTo(execution);
        assertThat(run.maxConcurrency()).isEqualTo(2);
        assertThat(run.executionCounts().succeeded()).isEqualTo(5);
        assertThat(run.executionCounts().total()).isEqualTo(5);
        assertThat(run.executionCounts().resultsWritten()).as("only a ResultWriter writes results").isZero();
        assertThat(run.itemCounts().running()).isZero();
        assertThat(run.stopDate()).isNotNull();

        List<ExecutionListItem> children = sfn.listExecutions(b -> b.mapRunArn(mapRun)).executions();
        assertThat(children).hasSize(5).allSatisfy(child -> {
            assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(child.mapRunArn()).isEqualTo(mapRun);
        });
        // AWS's names: execution:<machine>/<label>:<UUID>, the state machine stateMachine:<machine>/<label>.
        String machine = mapRun.substring(0, mapRun.indexOf(":mapRun:")) + ":stateMachine:dmap/Doubler";
        String prefix = mapRun.substring(0, mapRun.indexOf(":mapRun:")) + ":execution:dmap/Doubler:";
        assertThat(children).allSatisfy(item -> {
            assertThat(item.executionArn()).startsWith(prefix).isEqualTo(prefix + item.name());
            assertThat(item.name()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(item.stateMachineArn()).isEqualTo(machine);
        });
        String first = ChildArns.of(mapRun, 0);
        assertThat(children).extracting(ExecutionListItem::executionArn).contains(first);
        DescribeExecutionResponse child = sfn.describeExecution(b -> b.executionArn(first));
        assertThat(child.mapRunArn()).isEqualTo(mapRun);
        assertThat(child.stateMachineArn()).isEqualTo(machine);
        assertThat(child.input()).isEqualTo("1");
        assertThat(child.output()).isEqualTo("{\"twice\":2}");
        var childMachine = sfn.describeStateMachineForExecution(b -> b.executionArn(first));
        assertThat(childMachine.mapRunArn()).isEqualTo(mapRun);
        assertThat(childMachine.label()).isEqualTo("Doubler");
        assertThat(childMachine.stateMachineArn()).isEqualTo(machine);
        assertThat(childMachine.name()).isEqualTo("dmap/Doubler");
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(first)).events()).extracting(HistoryEvent::type)
                .containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
                        HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
    }

    /**
     * Express children run in memory, as AWS runs them: the Map's result and the Map Run's counts are as for Standard
     * children, but the children have no records, so ListExecutions (which AWS does not support for Express) lists
     * none and DescribeExecution knows none.
     */
    @Test
    void expressChildrenLeaveNoExecutionsBehind() throws Exception {
        String execution = start(map("{\"Type\":\"Pass\",\"Parameters\":{\"twice.$\":\"States.MathAdd($, $)\"},"
                + "\"End\":true}", "\"MaxConcurrency\":2,").replace("\"STANDARD\"", "\"EXPRESS\""), "[1,2,3]");

        DescribeExecutionResponse done = Await.end(sfn, execution);

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[{\"twice\":2},{\"twice\":4},{\"twice\":6}]");
        String mapRun = mapRunArn(execution);
        DescribeMapRunResponse run = sfn.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(run.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(run.executionCounts().succeeded()).isEqualTo(3);
        assertThat(run.executionCounts().total()).isEqualTo(3);
        assertThat(run.executionCounts().running()).isZero();
        assertThat(run.executionCounts().pending()).isZero();
        assertThat(sfn.listExecutions(b -> b.mapRunArn(mapRun)).executions()).isEmpty();
        String child = ChildArns.of(mapRun, 0);
        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(child)))
                .isInstanceOf(ExecutionDoesNotExistException.class);
    }

    /**
     * EXPRESS children run side by side up to the Map's MaxConcurrency: eight children of a 300 ms Lambda at
     * MaxConcurrency 4 reach four calls at once, never more, and the results keep the items' order. The peak, not
     * the elapsed time, is what is asserted: a wall-clock bound failed on a loaded CI machine, and speed belongs in
     * the benchmarks.
     */
    @Test
    void expressChildrenRunSideBySideUpToMaxConcurrency() throws Exception {
        String execution = start(map("{\"Type\":\"Task\",\"Resource\":\"" + LocalServer.SLOW_LAMBDA
                + "\",\"End\":true}", "\"MaxConcurrency\":4,").replace("\"STANDARD\"", "\"EXPRESS\""),
                "[1,2,3,4,5,6,7,8]");

        long began = System.nanoTime();
        DescribeExecutionResponse done = Await.end(sfn, execution);
        long millis = (System.nanoTime() - began) / 1_000_000;

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[1,2,3,4,5,6,7,8]");
        assertThat(server.slowCallsPeak().get()).isEqualTo(4);
        System.out.printf("EXPRESS children: 8 items x %d ms at MaxConcurrency 4 took %d ms%n",
                LocalServer.SLOW_MILLIS, millis);
    }

    @Test
    void expressChildrenAtMaxConcurrencyOneRunOneAfterTheOther() throws Exception {
        String execution = start(map("{\"Type\":\"Task\",\"Resource\":\"" + LocalServer.SLOW_LAMBDA
                + "\",\"End\":true}", "\"MaxConcurrency\":1,").replace("\"STANDARD\"", "\"EXPRESS\""),
                "[1,2,3]");

        long began = System.nanoTime();
        DescribeExecutionResponse done = Await.end(sfn, execution);
        long millis = (System.nanoTime() - began) / 1_000_000;

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[1,2,3]");
        assertThat(server.slowCallsPeak().get()).isEqualTo(1);
        assertThat(millis).isGreaterThanOrEqualTo(3 * LocalServer.SLOW_MILLIS - 100);
    }

    @Test
    void updateMapRunRaisesTheConcurrencyOfARunningMapRun() throws Exception {
        String execution = start(map("{\"Type\":\"Task\",\"Resource\":\"" + LocalServer.CALLBACK + "\","
                + "\"Parameters\":{\"QueueUrl\":\"q\",\"MessageBody\":{\"t.$\":\"$$.Task.Token\"}},\"End\":true}",
                "\"MaxConcurrency\":1,"), "[1,2,3]");
        List<String> first = tokens(1);
        assertThat(server.issuedTokens().poll(300, TimeUnit.MILLISECONDS)).as("a second child at concurrency 1")
                .isNull();
        String mapRun = mapRunArn(execution);

        sfn.updateMapRun(b -> b.mapRunArn(mapRun).maxConcurrency(3));

        List<String> rest = tokens(2);
        for (String token : first) {
            sfn.sendTaskSuccess(b -> b.taskToken(token).output("\"a\""));
        }
        for (String token : rest) {
            sfn.sendTaskSuccess(b -> b.taskToken(token).output("\"b\""));
        }
        DescribeExecutionResponse done = Await.end(sfn, execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[\"a\",\"b\",\"b\"]");
        assertThat(sfn.describeMapRun(b -> b.mapRunArn(mapRun)).maxConcurrency()).isEqualTo(3);
    }

    @Test
    void stoppingTheParentAbortsTheMapRunAndItsChildren() throws Exception {
        String execution = start(map("{\"Type\":\"Task\",\"Resource\":\"" + LocalServer.CALLBACK + "\","
                + "\"Parameters\":{\"QueueUrl\":\"q\",\"MessageBody\":{\"t.$\":\"$$.Task.Token\"}},\"End\":true}",
                ""), "[1,2]");
        tokens(2);
        String mapRun = mapRunArn(execution);

        sfn.stopExecution(b -> b.executionArn(execution).error("Stop").cause("enough"));

        assertThat(Await.end(sfn, execution).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution)).events()).extracting(HistoryEvent::type)
                .containsSubsequence(HistoryEventType.MAP_RUN_STARTED, HistoryEventType.MAP_RUN_ABORTED,
                        HistoryEventType.MAP_STATE_ABORTED, HistoryEventType.EXECUTION_ABORTED);
        for (ExecutionListItem child : sfn.listExecutions(b -> b.mapRunArn(mapRun)).executions()) {
            assertThat(Await.end(sfn, child.executionArn()).status()).isEqualTo(ExecutionStatus.ABORTED);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sfn.describeMapRun(b -> b.mapRunArn(mapRun)).status() == MapRunStatus.RUNNING
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sfn.describeMapRun(b -> b.mapRunArn(mapRun)).status()).isEqualTo(MapRunStatus.ABORTED);
    }

    @Test
    void aFailingChildFailsTheMapRunUnlessTolerated() throws Exception {
        String fail = "{\"Type\":\"Fail\",\"Error\":\"Boom\",\"Cause\":\"bad item\"}";
        String failing = start(map(fail, ""), "[1]");
        DescribeExecutionResponse failed = Await.end(sfn, failing);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(failed.cause()).isEqualTo("The specified tolerated failure threshold was exceeded");
        assertThat(sfn.describeMapRun(b -> b.mapRunArn(mapRunArn(failing))).status()).isEqualTo(MapRunStatus.FAILED);

        String machine = sfn.createStateMachine(b -> b.name("tolerant").definition(map(fail,
                "\"ToleratedFailureCount\":1,")).roleArn(ROLE)).stateMachineArn();
        String tolerant = sfn.startExecution(b -> b.stateMachineArn(machine).input("[1]")).executionArn();
        DescribeExecutionResponse tolerated = Await.end(sfn, tolerant);
        assertThat(tolerated.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tolerated.output()).isEqualTo("[{\"Error\":\"Boom\",\"Cause\":\"bad item\"}]");
        DescribeMapRunResponse run = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn(tolerant)));
        assertThat(run.toleratedFailureCount()).isEqualTo(1);
        assertThat(run.executionCounts().failed()).isEqualTo(1);
    }

    @Test
    void redrivingTheParentRedrivesOnlyTheFailedChildrenOfItsMapRun() throws Exception {
        // Item 2 matches no choice (States.NoChoiceMatched) until its child is redriven, which evaluates the Choice
        // again; at concurrency 1, item 3 is never started before the run fails.
        String child = """
                {"Type":"Choice","Choices":[{"Or":[{"Not":{"Variable":"$","NumericEquals":2}},
                  {"Variable":"$$.Execution.RedriveCount","NumericGreaterThan":0}],"Next":"Ok"}]},
                  "Ok":{"Type":"Pass","End":true}""";
        String execution = start(map(child, "\"MaxConcurrency\":1,"), "[1,2,3]");
        assertThat(Await.end(sfn, execution).status()).isEqualTo(ExecutionStatus.FAILED);
        String mapRun = mapRunArn(execution);
        assertThat(sfn.describeMapRun(b -> b.mapRunArn(mapRun)).status()).isEqualTo(MapRunStatus.FAILED);

        sfn.redriveExecution(b -> b.executionArn(execution));
        DescribeExecutionResponse done = Await.end(sfn, execution);

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[1,2,3]");
        assertThat(done.redriveCount()).isEqualTo(1);
        List<HistoryEventType> types = sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
                .map(HistoryEvent::type).toList();
        assertThat(types).containsSubsequence(HistoryEventType.MAP_RUN_FAILED, HistoryEventType.EXECUTION_FAILED,
                HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.MAP_RUN_REDRIVEN,
                HistoryEventType.MAP_RUN_SUCCEEDED, HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(types).containsOnlyOnce(HistoryEventType.MAP_RUN_STARTED);
        HistoryEvent redriven = sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
                .filter(e -> e.type() == HistoryEventType.MAP_RUN_REDRIVEN).findFirst().orElseThrow();
        assertThat(redriven.mapRunRedrivenEventDetails().mapRunArn()).isEqualTo(mapRun);
        assertThat(redriven.mapRunRedrivenEventDetails().redriveCount()).isEqualTo(1);

        DescribeMapRunResponse run = sfn.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(run.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(run.redriveCount()).isEqualTo(1);
        assertThat(run.redriveDate()).isNotNull();
        assertThat(run.executionCounts().succeeded()).isEqualTo(3);
        assertThat(run.executionCounts().total()).isEqualTo(3);
        assertThat(run.executionCounts().pendingRedrive()).isZero();
        assertThat(run.executionCounts().failuresNotRedrivable()).isZero();

        assertThat(sfn.listExecutions(b -> b.mapRunArn(mapRun).redriveFilter("REDRIVEN")).executions())
                .extracting(ExecutionListItem::executionArn).singleElement()
                .isEqualTo(ChildArns.of(mapRun, 1));
        assertThat(sfn.listExecutions(b -> b.mapRunArn(mapRun).redriveFilter("NOT_REDRIVEN")).executions())
                .extracting(ExecutionListItem::executionArn).hasSize(2).doesNotContain(ChildArns.of(mapRun, 1));
        String second = ChildArns.of(mapRun, 1);
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(second)).events()).extracting(HistoryEvent::type)
                .contains(HistoryEventType.EXECUTION_FAILED, HistoryEventType.EXECUTION_REDRIVEN,
                        HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(sfn.describeExecution(b -> b.executionArn(ChildArns.of(mapRun, 0))).redriveCount())
                .as("the child that succeeded is not run again").isZero();
    }

    /** A Map Run's child execution ARNs, as AWS names them. */
    private static final class ChildArns {
        static String of(String mapRunArn, int index) {
            return MapRunArns.childArn(mapRunArn, index);
        }
    }

    @Test
    void theMapRunApiRefusesBadArnsUnknownRunsAndBadSettingsAsAwsDoes() {
        String unknown = "arn:aws:states:us-east-1:123456789012:mapRun:m/Map:00000000-0000-0000-0000-000000000000";
        assertThatThrownBy(() -> sfn.describeMapRun(b -> b.mapRunArn("arn:aws:states:us-east-1:123456789012:nope")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.describeMapRun(b -> b.mapRunArn(unknown)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sfn.updateMapRun(b -> b.mapRunArn(unknown).maxConcurrency(1)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sfn.listExecutions(b -> b.mapRunArn(unknown)))
                .isInstanceOf(ResourceNotFoundException.class);
        String execution = start(map("{\"Type\":\"Pass\",\"End\":true}", ""), "[1]");
        String mapRun = mapRunArn(execution);
        assertThatThrownBy(() -> sfn.updateMapRun(b -> b.mapRunArn(mapRun).toleratedFailurePercentage(101f)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> sfn.updateMapRun(b -> b.mapRunArn(mapRun)))
                .isInstanceOf(ValidationException.class);
    }
}
