package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.IncludedData;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Versions and aliases through the SDK: publish, route executions by weight, and describe what ran. */
class VersionsAndAliasesApiTest extends ApiServerTest {
    private static String passing(String result) {
        return """
                {"StartAt":"P","States":{"P":{"Type":"Pass","Result":"%s","End":true}}}""".formatted(result);
    }

    private static RoutingConfigurationListItem route(String versionArn, int weight) {
        return RoutingConfigurationListItem.builder().stateMachineVersionArn(versionArn).weight(weight).build();
    }

    @Test
    void publishesVersionsOnCreateUpdateAndOnRequest() {
        var created = sfn.createStateMachine(b -> b.name("m").definition(passing("v1")).roleArn(ROLE).publish(true)
                .versionDescription("first"));
        String machine = created.stateMachineArn();
        assertThat(created.stateMachineVersionArn()).isEqualTo(machine + ":1");

        // Publishing an unchanged revision returns the newest version instead of a new one.
        assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn())
                .isEqualTo(machine + ":1");
        var updated = sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(passing("v2")).publish(true));
        assertThat(updated.stateMachineVersionArn()).isEqualTo(machine + ":2");
        assertThatThrownBy(() -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine).revisionId("1")))
                .isInstanceOf(ConflictException.class);

        assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(machine)).stateMachineVersions())
                .extracting(StateMachineVersionListItem::stateMachineVersionArn)
                .containsExactly(machine + ":2", machine + ":1");
        DescribeStateMachineResponse v1 = sfn.describeStateMachine(b -> b.stateMachineArn(machine + ":1"));
        assertThat(v1.definition()).contains("v1");
        assertThat(v1.description()).isEqualTo("first");
        assertThat(v1.stateMachineArn()).isEqualTo(machine + ":1");

        sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(machine + ":2"));
        assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn())
                .as("version numbers are never reused").isEqualTo(machine + ":3");
    }

    @Test
    void executionsStartedByVersionOrAliasRunThatVersionAndSaySo() throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("m").definition(passing("v1")).roleArn(ROLE)
                .publish(true)).stateMachineArn();
        sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(passing("latest")));
        String alias = sfn.createStateMachineAlias(b -> b.name("prod").routingConfiguration(route(machine + ":1", 100)))
                .stateMachineAliasArn();
        assertThat(alias).isEqualTo(machine + ":prod");

        String byVersion = sfn.startExecution(b -> b.stateMachineArn(machine + ":1")).executionArn();
        String byAlias = sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
        String byMachine = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();

        DescribeExecutionResponse version = Await.end(sfn, byVersion);
        assertThat(version.output()).isEqualTo("\"v1\"");
        assertThat(version.stateMachineArn()).isEqualTo(machine);
        assertThat(version.stateMachineVersionArn()).isEqualTo(machine + ":1");
        assertThat(version.stateMachineAliasArn()).isNull();
        DescribeExecutionResponse aliased = Await.end(sfn, byAlias);
        assertThat(aliased.output()).isEqualTo("\"v1\"");
        assertThat(aliased.stateMachineAliasArn()).isEqualTo(alias);
        assertThat(Await.end(sfn, byMachine).output()).isEqualTo("\"latest\"");
    }

    @Test
    void aliasesRouteToOneOrTwoVersionsWhoseWeightsAddUpTo100() {
        String machine = sfn.createStateMachine(b -> b.name("m").definition(passing("v1")).roleArn(ROLE)
                .publish(true)).stateMachineArn();
        sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(passing("v2")).publish(true));
        String alias = sfn.createStateMachineAlias(b -> b.name("canary").description("10% on v2")
                .routingConfiguration(route(machine + ":1", 90), route(machine + ":2", 10))).stateMachineAliasArn();

        DescribeStateMachineAliasResponse described = sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        assertThat(described.name()).isEqualTo("canary");
        assertThat(described.routingConfiguration()).containsExactly(route(machine + ":1", 90), route(machine + ":2", 10));

        sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(alias).routingConfiguration(route(machine + ":2", 100)));
        assertThat(sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)).routingConfiguration())
                .containsExactly(route(machine + ":2", 100));
        assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(machine)).stateMachineAliases())
                .extracting(a -> a.stateMachineAliasArn()).containsExactly(alias);

        assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("bad")
                .routingConfiguration(route(machine + ":1", 50), route(machine + ":2", 40))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("equal to 100");
        assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("bad")
                .routingConfiguration(route(machine + ":1", 50), route(machine + ":1", 50))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(machine + ":2")))
                .isInstanceOf(ConflictException.class);

        sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(machine)).stateMachineAliases()).isEmpty();
    }

    @Test
    void describeStateMachineListsVariableReferencesAndCanLeaveTheDefinitionOut() {
        String definition = """
                {"QueryLanguage":"JSONata","StartAt":"Set","States":{
                  "Set":{"Type":"Pass","Assign":{"x":1},"Next":"Use"},
                  "Use":{"Type":"Pass","Output":"{% $x %}","End":true}}}""";
        String machine = sfn.createStateMachine(b -> b.name("vars").definition(definition).roleArn(ROLE))
                .stateMachineArn();

        DescribeStateMachineResponse full = sfn.describeStateMachine(b -> b.stateMachineArn(machine));
        assertThat(full.variableReferences()).containsEntry("Use", List.of("x"));
        DescribeStateMachineResponse metadata = sfn.describeStateMachine(b -> b.stateMachineArn(machine)
                .includedData(IncludedData.METADATA_ONLY));
        assertThat(metadata.definition()).isNull();
        assertThat(metadata.name()).isEqualTo("vars");
    }
}
