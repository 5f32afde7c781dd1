package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MapRunArnsTest {
    private static final String RUN = "arn:aws:states:us-east-1:123456789012:mapRun:orders/Shipping:0b5e7a2c-1f3d";

    @Test
    void childrenAreNamedAsAwsNamesThemWithAUuidThatTheRunAndIndexDetermine() {
        String name = MapRunArns.childName(RUN, 3);

        assertThat(name).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .isEqualTo(MapRunArns.childName(RUN, 3)).isNotEqualTo(MapRunArns.childName(RUN, 4))
                .isNotEqualTo(MapRunArns.childName(RUN.replace("0b5e", "9999"), 3));
        assertThat(MapRunArns.childArn(RUN, 3))
                .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:orders/Shipping:" + name);
        assertThat(MapRunArns.legacyChildArn(RUN, 3))
                .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:orders/Shipping:0b5e7a2c-1f3d:3");
    }

    @Test
    void aChildsStateMachineIsStoredWithItsRunAndShownWithoutIt() {
        String stored = MapRunArns.childMachineArn(RUN);

        assertThat(stored).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:orders/Shipping:0b5e7a2c-1f3d");
        assertThat(MapRunArns.shownMachineArn(stored))
                .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:orders/Shipping");
        assertThat(MapRunArns.shownMachineName("orders/Shipping:0b5e7a2c-1f3d")).isEqualTo("orders/Shipping");
        String version = "arn:aws:states:us-east-1:123456789012:stateMachine:orders:3";
        assertThat(MapRunArns.shownMachineArn(version)).isEqualTo(version);
        assertThat(MapRunArns.shownMachineName("orders")).isEqualTo("orders");
    }
}
