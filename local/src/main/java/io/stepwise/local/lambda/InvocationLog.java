package io.stepwise.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What one invocation logs, kept for {@code LogType: Tail} while still going to the server's log: Lambda returns
 * the last 4 KB of the invocation's log, framed by its START/END/REPORT lines.
 */
final class InvocationLog {
    private static final int TAIL_BYTES = 4096;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream stream;
    private final long started = System.nanoTime();

    InvocationLog(PrintStream log) {
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                log.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                log.write(b, off, len);
            }
        };
        this.stream = new PrintStream(both, true, StandardCharsets.UTF_8);
    }

    PrintStream stream() {
        return stream;
    }

    String tail(String requestId) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        String text = "START RequestId: " + requestId + " Version: $LATEST\n"
                + captured.toString(StandardCharsets.UTF_8)
                + "END RequestId: " + requestId + "\n"
                + "REPORT RequestId: " + requestId + "\tDuration: " + millis + " ms\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= TAIL_BYTES ? text
                : new String(bytes, bytes.length - TAIL_BYTES, TAIL_BYTES, StandardCharsets.UTF_8);
    }
}
