package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded slowloris against the real server on loopback: hundreds of connections that trickle their request
 * headers one byte at a time must neither cost a thread each nor stop other clients from being served, and they
 * are cut off once their request has taken longer than the server's read deadline.
 */
class SlowClientTest {
    private static final int TRICKLING_CONNECTIONS = 300;
    /** The server's deadline for a whole request head and body, plus its sweep interval and some slack. */
    private static final Duration CUT_OFF_WITHIN = Duration.ofSeconds(16);

    @TempDir
    Path dataDir;
    private LocalServer server;
    private final List<Socket> slow = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new LocalServer(dataDir, false);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : slow) {
            socket.close();
        }
        server.close();
    }

    @Test
    void tricklingConnectionsCostNoThreadEachAndOthersAreStillServed() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        server.sfn.listStateMachines();
        int threadsBefore = threads.getThreadCount();

        for (int i = 0; i < TRICKLING_CONNECTIONS; i++) {
            Socket socket = new Socket("127.0.0.1", server.port());
            socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSStepFunctions."
                    + "ListStateMachines\r\n").getBytes(StandardCharsets.US_ASCII));
            slow.add(socket);
        }
        int peakThreads = 0;
        long deadline = System.nanoTime() + CUT_OFF_WITHIN.toNanos();
        int open = TRICKLING_CONNECTIONS;
        while (open > 0 && System.nanoTime() < deadline) {
            open = trickleOneByteEach();
            peakThreads = Math.max(peakThreads, threads.getThreadCount());
            assertThat(server.sfn.listStateMachines().stateMachines()).isEmpty();
            Thread.sleep(250);
        }

        assertThat(peakThreads - threadsBefore)
                .as("threads added while %d connections trickle their headers", TRICKLING_CONNECTIONS)
                .isLessThan(TRICKLING_CONNECTIONS / 4);
        assertThat(open).as("trickling connections still open after %s", CUT_OFF_WITHIN).isZero();
        assertThat(server.sfn.listStateMachines().stateMachines()).isEmpty();
    }

    /** Sends one more header byte on every slow connection; returns how many the server has not yet closed. */
    private int trickleOneByteEach() {
        int open = 0;
        for (Socket socket : slow) {
            if (socket.isClosed()) {
                continue;
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write('X');
                out.flush();
                if (closedByServer(socket.getInputStream())) {
                    socket.close();
                } else {
                    open++;
                }
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
        return open;
    }

    /**
     * A closed connection shows as a pending error response or, since the server's reset arrives after the
     * first write into a closed socket, as a failing write on the next round.
     */
    private static boolean closedByServer(InputStream in) throws IOException {
        return in.available() > 0;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already broken; nothing more to release.
        }
    }
}
