package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MemberLimitsTest {

    @Test
    void utf8LengthIsTheEncodedSize() {
        for (String text : new String[] {"", "plain", "é", "€uro", "😀 and 😀", "mixed é€😀x"}) {
            assertThat(MemberLimits.utf8Length(text)).as(text)
                    .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void definitionsAreMeasuredInBytes() {
        MemberLimits.check("definition", "x".repeat(MemberLimits.DEFINITION_BYTES));
        assertThatThrownBy(() -> MemberLimits.check("definition", "é".repeat(MemberLimits.DEFINITION_BYTES / 2 + 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
        MemberLimits.check("unconstrained", "é".repeat(MemberLimits.DEFINITION_BYTES));
    }
}
