package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.Tag;

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
}
