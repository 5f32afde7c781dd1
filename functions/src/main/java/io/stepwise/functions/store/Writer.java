package io.stepwise.functions.store;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Names one commit attempt on the items it writes before its compare-and-set: the wall-clock millisecond it began
 * and a random suffix. The time tells a racer how long the items have been there: a commit takes milliseconds, so
 * items of an attempt begun long ago were left by one that died before its compare-and-set and may be taken over.
 */
final class Writer {
    private Writer() {
    }

    static String next() {
        return System.currentTimeMillis() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** When the attempt {@code writer} began, in epoch milliseconds; 0 when it is not a writer's name. */
    static long began(String writer) {
        if (writer == null) {
            return 0;
        }
        int dash = writer.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? writer : writer.substring(0, dash));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
