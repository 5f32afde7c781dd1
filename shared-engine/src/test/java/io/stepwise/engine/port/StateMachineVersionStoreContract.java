package io.stepwise.engine.port;

import io.stepwise.asl.StateMachineType;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateMachineVersionStore} adapter must do. Publishing checks the stored state machine, so an
 * adapter's test supplies both stores over the same storage.
 */
public abstract class StateMachineVersionStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:m";

    private StateMachineStore machines;
    private StateMachineVersionStore versions;

    /** A new, empty state machine store. */
    protected abstract StateMachineStore createMachineStore();

    /** The version store over the storage of the machine store created last. */
    protected abstract StateMachineVersionStore versionStore();

    @BeforeEach
    void setUp() {
        machines = createMachineStore();
        versions = versionStore();
    }

    private StateMachineRecord stored() {
        StateMachineRecord machine = new StateMachineRecord(ARN, "m", StateMachineType.STANDARD,
                "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}",
                "arn:aws:iam::123456789012:role/r", T0, T0, 1, Map.of(), EncryptionConfiguration.DEFAULT);
        assertThat(machines.create(machine)).isTrue();
        return machine;
    }

    private StateMachineRecord updated(StateMachineRecord machine, String definition) {
        StateMachineRecord next = machine.withDefinition(definition, machine.roleArn(), T0.plusSeconds(1));
        assertThat(machines.update(machine, next)).isTrue();
        return next;
    }

    @Test
    void versionsAreNumberedFromOneNewestFirstAndFoundByArn() {
        StateMachineRecord machine = stored();
        StateMachineVersionRecord first = versions.publish(machine, "first", T0).orElseThrow();
        StateMachineRecord next = updated(machine, "{\"x\":2}");
        StateMachineVersionRecord second = versions.publish(next, null, T0.plusSeconds(2)).orElseThrow();

        assertThat(first.arn()).isEqualTo(ARN + ":1");
        assertThat(first.description()).isEqualTo("first");
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.definition()).isEqualTo("{\"x\":2}");
        assertThat(versions.versions(ARN)).containsExactly(second, first);
        assertThat(versions.findVersion(ARN + ":1")).contains(first);
        assertThat(versions.findVersion(ARN + ":3")).isEmpty();
    }

    @Test
    void publishingTheSameRevisionAgainReturnsTheNewestVersion() {
        StateMachineRecord machine = stored();
        StateMachineVersionRecord first = versions.publish(machine, "d", T0).orElseThrow();

        assertThat(versions.publish(machine, "other", T0.plusSeconds(5))).contains(first);
        assertThat(versions.versions(ARN)).hasSize(1);
    }

    @Test
    void aMachineChangedSinceItWasReadPublishesNothing() {
        StateMachineRecord machine = stored();
        updated(machine, "{\"x\":2}");

        assertThat(versions.publish(machine, null, T0)).isEmpty();
        assertThat(versions.versions(ARN)).isEmpty();
    }

    @Test
    void versionNumbersAreNotReusedAfterADeleteButStartOverForANewMachine() {
        StateMachineRecord machine = stored();
        versions.publish(machine, null, T0);
        StateMachineRecord next = updated(machine, "{\"x\":2}");
        StateMachineVersionRecord second = versions.publish(next, null, T0).orElseThrow();
        assertThat(versions.deleteVersion(second.arn())).isTrue();
        assertThat(versions.deleteVersion(second.arn())).isFalse();
        StateMachineRecord third = updated(next, "{\"x\":3}");

        assertThat(versions.publish(third, null, T0).orElseThrow().version()).isEqualTo(3);

        versions.deleteAll(ARN);
        machines.delete(ARN);
        assertThat(versions.versions(ARN)).isEmpty();
        StateMachineRecord again = stored();
        assertThat(versions.publish(again, null, T0).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aliasesAreCreatedOnceUpdatedListedByNameAndDeleted() {
        StateMachineRecord machine = stored();
        StateMachineVersionRecord v1 = versions.publish(machine, null, T0).orElseThrow();
        StateMachineAliasRecord prod = new StateMachineAliasRecord(ARN + ":prod", ARN, "prod", null,
                List.of(new StateMachineAliasRecord.Route(v1.arn(), 100)), T0, T0);
        StateMachineAliasRecord beta = new StateMachineAliasRecord(ARN + ":beta", ARN, "beta", "b",
                List.of(new StateMachineAliasRecord.Route(v1.arn(), 100)), T0, T0);

        assertThat(versions.createAlias(prod)).isTrue();
        assertThat(versions.createAlias(prod.withRouting("x", List.of(), T0))).isFalse();
        assertThat(versions.createAlias(beta)).isTrue();
        StateMachineAliasRecord moved = prod.withRouting("moved", List.of(
                new StateMachineAliasRecord.Route(v1.arn(), 60), new StateMachineAliasRecord.Route(ARN + ":2", 40)),
                T0.plusSeconds(9));
        assertThat(versions.updateAlias(moved)).isTrue();

        assertThat(versions.findAlias(prod.arn())).contains(moved);
        assertThat(versions.aliases(ARN)).containsExactly(beta, moved);
        assertThat(versions.deleteAlias(beta.arn())).isTrue();
        assertThat(versions.deleteAlias(beta.arn())).isFalse();
        assertThat(versions.updateAlias(beta)).isFalse();
        versions.deleteAll(ARN);
        assertThat(versions.findAlias(prod.arn())).isEmpty();
    }

    @Test
    void anExecutionRemembersTheVersionAndAliasItStartedThrough() {
        String execution = ARN.replace(":stateMachine:", ":execution:") + ":e";
        versions.recordExecutionSource(execution, ARN + ":1", ARN + ":prod");
        versions.recordExecutionSource(execution + "2", ARN + ":1", null);

        assertThat(versions.executionSource(execution))
                .contains(new StateMachineVersionStore.ExecutionSource(ARN + ":1", ARN + ":prod"));
        assertThat(versions.executionSource(execution + "2"))
                .contains(new StateMachineVersionStore.ExecutionSource(ARN + ":1", null));
        assertThat(versions.executionSource(execution + "3")).isEmpty();
    }
}
