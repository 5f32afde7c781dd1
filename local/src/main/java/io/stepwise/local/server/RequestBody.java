package io.stepwise.local.server;

import io.stepwise.api.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without blocking a thread while the client is slow to send it: Jetty calls back when more
 * arrives. Bodies larger than the limit fail with {@code SerializationException} (413) once the limit is passed.
 */
final class RequestBody {
    private final Request request;
    private final int maxBytes;
    private final Consumer<byte[]> onBody;
    private final Consumer<Throwable> onFailure;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private RequestBody(Request request, int maxBytes, Consumer<byte[]> onBody, Consumer<Throwable> onFailure) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.onBody = onBody;
        this.onFailure = onFailure;
    }

    /** Calls {@code onBody} with the whole body, or {@code onFailure} with why it could not be read. */
    static void read(Request request, int maxBytes, Consumer<byte[]> onBody, Consumer<Throwable> onFailure) {
        if (request.getLength() > maxBytes) {
            onFailure.accept(tooLarge(maxBytes));
            return;
        }
        new RequestBody(request, maxBytes, onBody, onFailure).readAvailable();
    }

    private void readAvailable() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this::readAvailable);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                onFailure.accept(chunk.getFailure());
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            boolean fits = bytes.size() + buffer.remaining() <= maxBytes;
            if (fits) {
                byte[] part = new byte[buffer.remaining()];
                buffer.get(part);
                bytes.writeBytes(part);
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (!fits) {
                onFailure.accept(tooLarge(maxBytes));
                return;
            }
            if (last) {
                onBody.accept(bytes.toByteArray());
                return;
            }
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException("SerializationException", "The request body exceeds " + maxBytes + " bytes", 413);
    }
}
