package io.stepwise.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until told to jump ahead, so a one-year Wait finishes instantly. */
public final class VirtualClock extends Clock {
    private volatile Instant now;

    public VirtualClock(Instant start) {
        this.now = start;
    }

    public void advanceTo(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
