package io.stepwise.api;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Spaces out the retries of a compare-and-set that lost a race. Without a pause, writers of one record that keep
 * colliding (a burst of UpdateStateMachine and TagResource calls from many clients) retry in lockstep, and on a store
 * with a network round trip per read and write (DynamoDB) a slow writer could use up its attempts and fail with a
 * ConflictException AWS would not raise; a random pause that grows with the attempt lets each one through in turn.
 */
final class Contention {
    private static final long MAX_PAUSE_MILLIS = 50;

    private Contention() {
    }

    /** Pauses before attempt {@code attempt + 1} of a compare-and-set; returns early if the thread is interrupted. */
    static void backOff(int attempt) {
        long bound = Math.min(1L << Math.min(attempt, 6), MAX_PAUSE_MILLIS);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
