package io.stepwise.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StateMachineTypeTest {

    @Test
    void constantsAreTheSdkModelsValues() {
        var sdk = software.amazon.awssdk.services.sfn.model.StateMachineType.knownValues();

        assertThat(Arrays.stream(StateMachineType.values()).map(Enum::name))
                .containsExactlyInAnyOrderElementsOf(sdk.stream().map(Object::toString).toList());
    }

    @Test
    void readsOnlyTheExactSpelling() {
        assertThat(StateMachineType.fromWireName("EXPRESS")).contains(StateMachineType.EXPRESS);
        assertThat(StateMachineType.fromWireName("STANDARD")).contains(StateMachineType.STANDARD);
        assertThat(StateMachineType.fromWireName("express")).isEmpty();
        assertThat(StateMachineType.fromWireName(null)).isEmpty();
    }
}
