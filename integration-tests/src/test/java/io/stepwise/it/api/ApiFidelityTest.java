package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ActivityAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.EncryptionConfiguration;
import software.amazon.awssdk.services.sfn.model.EncryptionType;
import software.amazon.awssdk.services.sfn.model.InvalidEncryptionConfigurationException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Requests whose answers differed from AWS's: each test pins AWS's answer. */
class ApiFidelityTest extends ApiServerTest {
    private static final String PASS = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";

    @Test
    void tagResourceAndUntagResourceChangeAnActivitysTags() {
        String activity = sfn.createActivity(b -> b.name("worker").tags(Tag.builder().key("team").value("a").build()))
                .activityArn();

        sfn.tagResource(b -> b.resourceArn(activity).tags(Tag.builder().key("env").value("prod").build()));
        sfn.untagResource(b -> b.resourceArn(activity).tagKeys("team"));

        assertThat(sfn.listTagsForResource(b -> b.resourceArn(activity)).tags())
                .containsExactly(Tag.builder().key("env").value("prod").build());
    }

    @Test
    void updateStateMachineAcceptsOnlyATracingOrLoggingConfiguration() {
        String machine = createMachine("configured", PASS);

        String version = sfn.updateStateMachine(b -> b.stateMachineArn(machine).publish(true)
                .tracingConfiguration(t -> t.enabled(true))).stateMachineVersionArn();
        sfn.updateStateMachine(b -> b.stateMachineArn(machine).loggingConfiguration(l -> l.level(LogLevel.OFF)));

        assertThat(version).isEqualTo(machine + ":1");
        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(machine).publish(true)))
                .isInstanceOf(MissingRequiredParameterException.class);
    }

    @Test
    void namesWithC1ControlCharactersAreInvalid() {
        String machine = createMachine("plain", PASS);

        for (String name : new String[] {"a\u0080b", "a\u009Fb"}) {
            assertThatThrownBy(() -> createMachine(name, PASS)).isInstanceOf(InvalidNameException.class);
            assertThatThrownBy(() -> sfn.createActivity(b -> b.name(name))).isInstanceOf(InvalidNameException.class);
            assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name(name)))
                    .isInstanceOf(InvalidNameException.class);
        }
        assertThat(sfn.createActivity(b -> b.name("a\u00E9b")).activityArn())
                .as("characters past the C1 block are allowed").endsWith(":a\u00E9b");
    }

    @Test
    void aNameOverEightyCharactersFailsTheModelsLengthConstraint() {
        String name = "n".repeat(81);

        assertThatThrownBy(() -> sfn.createActivity(b -> b.name(name)))
                .isInstanceOf(SfnException.class)
                .satisfies(e -> assertThat(((SfnException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageStartingWith("1 validation error detected: Value '" + name + "' at 'name' failed to satisfy"
                        + " constraint: Member must have length less than or equal to 80");
        assertThat(sfn.createActivity(b -> b.name("n".repeat(80))).activityArn()).endsWith("n".repeat(80));
    }

    @Test
    void aVersionDescriptionNeedsPublish() {
        String machine = createMachine("described", PASS);

        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("other").definition(PASS).roleArn(ROLE)
                .versionDescription("v")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Version description can only be set when publish is true");
        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(PASS)
                .versionDescription("v").publish(false)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Version description can only be set when publish is true");
        assertThat(sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(PASS).versionDescription("v")
                .publish(true)).stateMachineVersionArn()).isEqualTo(machine + ":1");
    }

    @Test
    void aMalformedTaskTokenIsInvalidAndAWellFormedUnknownOneDoesNotExist() {
        for (String token : new String[] {"not-a-token", "A".repeat(42), "A".repeat(42) + "="}) {
            assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                    .isInstanceOf(InvalidTokenException.class).hasMessageStartingWith("Invalid Token: '");
            assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken(token).error("E")))
                    .isInstanceOf(InvalidTokenException.class);
            assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(token)))
                    .isInstanceOf(InvalidTokenException.class);
        }
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken("A".repeat(43))))
                .isInstanceOf(TaskDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken("A".repeat(3000))))
                .as("the model's TaskToken shape (1 to 2048 characters, sensitive) is checked before the token")
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("1 validation error detected: Value at"
                        + " 'taskToken' failed to satisfy constraint: Member must have length less than or equal to 2048");
    }

    @Test
    void encryptionConfigurationsAreKeptEchoedAndChecked() {
        EncryptionConfiguration managed = EncryptionConfiguration.builder()
                .type(EncryptionType.CUSTOMER_MANAGED_KMS_KEY).kmsKeyId("alias/mine").kmsDataKeyReusePeriodSeconds(300)
                .build();
        EncryptionConfiguration awsOwned = EncryptionConfiguration.builder().type(EncryptionType.AWS_OWNED_KEY).build();
        String plain = createMachine("plain", PASS);
        String machine = sfn.createStateMachine(b -> b.name("encrypted").definition(PASS).roleArn(ROLE)
                .encryptionConfiguration(managed)).stateMachineArn();
        String activity = sfn.createActivity(b -> b.name("encrypted").encryptionConfiguration(managed)).activityArn();

        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(plain)).encryptionConfiguration())
                .isEqualTo(awsOwned);
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(machine)).encryptionConfiguration())
                .isEqualTo(managed);
        assertThat(sfn.describeActivity(b -> b.activityArn(activity)).encryptionConfiguration()).isEqualTo(managed);
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(execution)).encryptionConfiguration())
                .isEqualTo(managed);
        assertThat(sfn.createActivity(b -> b.name("encrypted").encryptionConfiguration(managed)).activityArn())
                .as("same configuration: idempotent").isEqualTo(activity);
        assertThatThrownBy(() -> sfn.createActivity(b -> b.name("encrypted").encryptionConfiguration(awsOwned)))
                .isInstanceOf(ActivityAlreadyExistsException.class)
                .hasMessageStartingWith("Activity already exists. EncryptionConfiguration may not be updated.");
        assertThatThrownBy(() -> sfn.createActivity(b -> b.name("keyless").encryptionConfiguration(
                c -> c.type(EncryptionType.CUSTOMER_MANAGED_KMS_KEY))))
                .isInstanceOf(InvalidEncryptionConfigurationException.class);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("keyless").definition(PASS).roleArn(ROLE)
                .encryptionConfiguration(c -> c.type(EncryptionType.CUSTOMER_MANAGED_KMS_KEY))))
                .isInstanceOf(InvalidEncryptionConfigurationException.class);

        sfn.updateStateMachine(b -> b.stateMachineArn(machine).encryptionConfiguration(awsOwned));
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(machine)).encryptionConfiguration())
                .isEqualTo(awsOwned);
    }

    @Test
    void encryptionConfigurationsSurviveARestart() {
        EncryptionConfiguration managed = EncryptionConfiguration.builder()
                .type(EncryptionType.CUSTOMER_MANAGED_KMS_KEY).kmsKeyId("alias/mine").build();
        String machine = sfn.createStateMachine(b -> b.name("encrypted").definition(PASS).roleArn(ROLE)
                .encryptionConfiguration(managed)).stateMachineArn();
        String activity = sfn.createActivity(b -> b.name("encrypted").encryptionConfiguration(managed)).activityArn();

        server.close();
        server = new LocalServer(dataDir, false);
        sfn = client(server);

        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(machine)).encryptionConfiguration())
                .isEqualTo(managed);
        assertThat(sfn.describeActivity(b -> b.activityArn(activity)).encryptionConfiguration()).isEqualTo(managed);
    }
}
