package io.stepwise.functions.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionSummary;
import io.stepwise.engine.port.Page;
import io.stepwise.functions.Moto;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** ListExecutions over the one status index: without a filter, the per-status queries merged newest first. */
class DynamoDbListingTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    private static final String PASS = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
    private static final String FAIL = """
            {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}""";
    private static final String WAIT = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}""";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private DynamoDbExecutionStore store;

    @BeforeEach
    void setUp() {
        DynamoDbClient dynamo = Moto.dynamo();
        DynamoDbTables tables = new DynamoDbTables(Moto.uniquePrefix());
        tables.create(dynamo);
        store = new DynamoDbExecutionStore(dynamo, tables);
    }

    private String start(String machine, String name, String definition, int second) {
        ExecutionStart start = new ExecutionStart(machine.replace(":stateMachine:", ":execution:") + ":" + name,
                name, machine, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{}", T0.plusSeconds(second),
                1, "key");
        Step step = new Interpreter(DefinitionParser.parse(definition)).start(start);
        assertThat(store.create(new Commit(start.executionArn(), 0, step.state(), step.events(), List.of(),
                List.of(), List.of(), List.of(), List.of(), start.startTime()), definition)).isTrue();
        return start.executionArn();
    }

    private void stop(String arn) {
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        Step step = new Interpreter(DefinitionParser.parse(WAIT)).applyInPlace(loaded.state(),
                new Trigger.StopRequested("E", "C"), T0.plusSeconds(100));
        assertThat(store.commit(new Commit(arn, loaded.version(), step.state(), step.events(), List.of(), List.of(),
                List.of(), List.of(), List.of(), T0.plusSeconds(100)))).isTrue();
    }

    private List<String> names(ExecutionStatus status, int pageSize) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            Page<ExecutionSummary> page = store.list(MACHINE, status, pageSize, token);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            page.items().forEach(summary -> names.add(summary.name()));
            token = page.nextToken();
        } while (token != null);
        return names;
    }

    @Test
    void withoutAFilterEveryStatusIsListedNewestFirstAcrossPages() {
        String[] definitions = {PASS, WAIT, FAIL, WAIT, PASS, WAIT, FAIL, PASS, WAIT};
        for (int i = 0; i < definitions.length; i++) {
            start(MACHINE, "e" + i, definitions[i], i);
        }
        stop(MACHINE.replace(":stateMachine:", ":execution:") + ":e5");
        start(MACHINE + "-other", "elsewhere", PASS, 50);

        List<String> newestFirst = List.of("e8", "e7", "e6", "e5", "e4", "e3", "e2", "e1", "e0");
        for (int size : new int[] {1, 2, 3, 4, 100}) {
            assertThat(names(null, size)).as("pages of " + size).isEqualTo(newestFirst);
        }
        assertThat(names(ExecutionStatus.SUCCEEDED, 2)).containsExactly("e7", "e4", "e0");
        assertThat(names(ExecutionStatus.FAILED, 1)).containsExactly("e6", "e2");
        assertThat(names(ExecutionStatus.RUNNING, 2)).containsExactly("e8", "e3", "e1");
        assertThat(names(ExecutionStatus.ABORTED, 2)).containsExactly("e5");
        assertThat(store.list(MACHINE, null, 3, null).items()).extracting(ExecutionSummary::status)
                .containsExactly(ExecutionStatus.RUNNING, ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED);
    }
}
