package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListStateMachineVersionsResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;

/** ListExecutions' filters and version/alias fields, the started version in the history, and version listing. */
class ListingsApiTest extends ApiServerTest {
    private static final String PASS = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
    private static final String FAILING = """
            {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}""";

    @Test
    void redriveFilterSeparatesRedrivenExecutions() throws Exception {
        String machine = createMachine("failing", FAILING);
        String redriven = sfn.startExecution(b -> b.stateMachineArn(machine).name("redriven")).executionArn();
        String untouched = sfn.startExecution(b -> b.stateMachineArn(machine).name("untouched")).executionArn();
        Await.end(sfn, redriven);
        Await.end(sfn, untouched);
        sfn.redriveExecution(b -> b.executionArn(redriven));
        Await.end(sfn, redriven);

        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine).redriveFilter(ExecutionRedriveFilter.REDRIVEN))
                .executions()).extracting(ExecutionListItem::executionArn).containsExactly(redriven);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)
                .redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN)).executions())
                .extracting(ExecutionListItem::executionArn).containsExactly(untouched);
    }

    @Test
    void executionsOfAVersionOrAliasAreListedByItsArnAndSaySo() throws Exception {
        String machine = createMachine("versioned", PASS);
        String version = sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn();
        String alias = sfn.createStateMachineAlias(b -> b.name("live").routingConfiguration(r -> r
                .stateMachineVersionArn(version).weight(100))).stateMachineAliasArn();
        String plain = sfn.startExecution(b -> b.stateMachineArn(machine).name("plain")).executionArn();
        String byVersion = sfn.startExecution(b -> b.stateMachineArn(version).name("by-version")).executionArn();
        String byAlias = sfn.startExecution(b -> b.stateMachineArn(alias).name("by-alias")).executionArn();
        for (String execution : List.of(plain, byVersion, byAlias)) {
            Await.end(sfn, execution);
        }

        assertThat(sfn.listExecutions(b -> b.stateMachineArn(alias)).executions()).singleElement().satisfies(item -> {
            assertThat(item.executionArn()).isEqualTo(byAlias);
            assertThat(item.stateMachineAliasArn()).isEqualTo(alias);
            assertThat(item.stateMachineVersionArn()).isEqualTo(version);
        });
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(version)).executions())
                .extracting(ExecutionListItem::executionArn).containsExactlyInAnyOrder(byVersion, byAlias);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions()).hasSize(3);
        assertThatThrownBy(() -> sfn.listExecutions(b -> b.stateMachineArn(machine + ":9")))
                .isInstanceOf(ResourceNotFoundException.class);

        var started = sfn.getExecutionHistory(b -> b.executionArn(byAlias)).events().get(0);
        assertThat(started.type()).isEqualTo(HistoryEventType.EXECUTION_STARTED);
        assertThat(started.executionStartedEventDetails().stateMachineVersionArn()).isEqualTo(version);
        assertThat(started.executionStartedEventDetails().stateMachineAliasArn()).isEqualTo(alias);
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(plain)).events().get(0)
                .executionStartedEventDetails().stateMachineVersionArn()).isNull();
        assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(byVersion)).revisionId()).isNotNull();
    }

    @Test
    void versionsAreListedNewestFirstAcrossPages() {
        String machine = createMachine("many", PASS);
        for (int i = 0; i < 5; i++) {
            String definition = PASS.replace("\"End\"", "\"Comment\":\"" + i + "\",\"End\"");
            sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(definition).publish(true));
        }

        List<String> listed = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListStateMachineVersionsResponse response = sfn.listStateMachineVersions(b -> b.stateMachineArn(machine)
                    .maxResults(2).nextToken(page));
            assertThat(response.stateMachineVersions()).hasSizeLessThanOrEqualTo(2);
            response.stateMachineVersions().stream().map(StateMachineVersionListItem::stateMachineVersionArn)
                    .forEach(listed::add);
            token = response.nextToken();
        } while (token != null);

        assertThat(listed).containsExactly(machine + ":5", machine + ":4", machine + ":3", machine + ":2",
                machine + ":1");
        assertThatThrownBy(() -> sfn.listStateMachineVersions(b -> b.stateMachineArn(machine).nextToken("forged")))
                .isInstanceOf(InvalidTokenException.class);
    }
}
