package io.stepwise.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HistoryEventTypeTest {

    /** AWS's service model is the source of truth: a type AWS adds or renames must show up here. */
    @Test
    void constantsAreTheSdkModelsValues() {
        var sdk = software.amazon.awssdk.services.sfn.model.HistoryEventType.knownValues();

        assertThat(Arrays.stream(HistoryEventType.values()).map(Enum::name))
                .containsExactlyInAnyOrderElementsOf(sdk.stream().map(Enum::name).toList());
        for (var type : sdk) {
            assertThat(HistoryEventType.valueOf(type.name()).wireName()).isEqualTo(type.toString());
        }
    }

    @Test
    void wireNamesReadBack() {
        for (HistoryEventType type : HistoryEventType.values()) {
            assertThat(HistoryEventType.fromWireName(type.wireName())).isSameAs(type);
        }
        assertThatThrownBy(() -> HistoryEventType.fromWireName("TaskStateRetried"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Some types carry no details (e.g. {@code LambdaFunctionStarted}); every details member has its types. */
    @Test
    void everyDetailsMemberOfTheSdksHistoryEventHasATypeNamingIt() {
        var members = software.amazon.awssdk.services.sfn.model.HistoryEvent.builder().build().sdkFields().stream()
                .map(field -> field.locationName()).filter(name -> name.endsWith("EventDetails")).toList();

        assertThat(members).isNotEmpty();
        assertThat(Arrays.stream(HistoryEventType.values()).map(HistoryEventType::detailsKey))
                .containsAll(members);
    }

    @Test
    void detailsKeysFollowTheSdkShape() {
        assertThat(HistoryEventType.MAP_STATE_ENTERED.detailsKey()).isEqualTo("stateEnteredEventDetails");
        assertThat(HistoryEventType.PASS_STATE_EXITED.detailsKey()).isEqualTo("stateExitedEventDetails");
        assertThat(HistoryEventType.LAMBDA_FUNCTION_SCHEDULE_FAILED.detailsKey())
                .isEqualTo("lambdaFunctionScheduleFailedEventDetails");
        assertThat(HistoryEventType.EVALUATION_FAILED.detailsKey()).isEqualTo("evaluationFailedEventDetails");
    }
}
