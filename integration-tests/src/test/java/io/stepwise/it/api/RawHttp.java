package io.stepwise.it.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request written byte for byte on a fresh socket, for what {@code java.net.http} will not send
 * (it refuses to set {@code Host}).
 */
final class RawHttp {
    record Answer(int status, String headers, String body) {
    }

    private RawHttp() {
    }

    static Answer post(int port, String host, String target, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        return send(port, ("POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: " + target + "\r\nContent-Length: " + content.length
                + "\r\nConnection: close\r\n\r\n"), content);
    }

    static Answer get(int port, String host, String path) throws IOException {
        return send(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", new byte[0]);
    }

    private static Answer send(int port, String head, byte[] content) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(content);
                out.flush();
            } catch (SocketException e) {
                // A server refusing an oversized request answers and closes before reading the rest; its answer is
                // already in the socket's receive buffer, so a failed write is no reason not to read it.
            }
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4));
            int end = response.indexOf("\r\n\r\n");
            return new Answer(status, response.substring(0, end), response.substring(end + 4));
        }
    }
}
