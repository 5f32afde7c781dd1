package io.stepwise.api;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for what must be unique but protects nothing: default execution names, the id in an
 * Express execution's ARN, request ids. {@link UUID#randomUUID()} draws from a shared {@code SecureRandom}
 * (a lock and a SHA-1 mix per call, 5% of the server's CPU samples for a StartSyncExecution); task token keys,
 * which are secrets, keep using {@code SecureRandom}.
 */
public final class UniqueIds {
    private UniqueIds() {
    }

    /** A random UUID (version 4, IETF variant) in its usual 36-character form. */
    public static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
