package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The history's timestamps are written by hand for speed; they must read exactly as ISO_INSTANT writes them. */
class RunTimestampTest {
    @Test
    void matchesIsoInstantOnEdgesAndAcrossTheYears() {
        for (String edge : new String[] {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00.001Z", "2024-02-29T23:59:59.999Z",
                "2026-12-06T01:02:03.100Z", "9999-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(edge);
            assertThat(Run.format(instant)).isEqualTo(iso(instant)).isEqualTo(edge);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_800L), random.nextInt(1_000_000_000));
            assertThat(Run.format(instant)).isEqualTo(iso(instant));
        }
    }

    private static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
