package io.stepwise.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until told to jump forward: lets a one-year Wait finish at once. */
public final class VirtualClock extends Clock {
    private final AtomicReference<Instant> now;

    public VirtualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves the clock to {@code instant} unless it is already later; time never runs backwards. */
    public void advanceTo(Instant instant) {
        now.accumulateAndGet(instant, (current, target) -> target.isAfter(current) ? target : current);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a virtual clock is always UTC");
    }
}
