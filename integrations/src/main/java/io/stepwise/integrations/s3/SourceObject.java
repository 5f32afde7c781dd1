package io.stepwise.integrations.s3;

import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.query.StatesErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One S3 object an ItemReader streams, opened at a byte offset: a ranged GET for a plain object, so a later page
 * never downloads what earlier pages read; a gzip object ({@code .gz}, which AWS also reads) cannot be entered in
 * the middle, so it is streamed from the start and the decompressed bytes before the offset are skipped.
 *
 * @param versionId     the object version to read, or {@code null} for the latest
 * @param expectedOwner the account that must own the bucket ({@code ExpectedBucketOwner}), or {@code null}
 */
record SourceObject(S3Client s3, String bucket, String key, String versionId, String expectedOwner) {

    /** A data file a manifest or listing names: its latest version, with no owner check. */
    static SourceObject latest(S3Client s3, String bucket, String key) {
        return new SourceObject(s3, bucket, key, null, null);
    }

    boolean gzipped() {
        return key.endsWith(".gz");
    }

    /** The object's (decompressed) bytes from {@code offset}; the caller closes it, possibly before its end. */
    ObjectStream open(long offset) {
        ResponseInputStream<GetObjectResponse> response;
        try {
            response = s3.getObject(b -> {
                b.bucket(bucket).key(key).versionId(versionId).expectedBucketOwner(expectedOwner);
                if (offset > 0 && !gzipped()) {
                    b.range("bytes=" + offset + "-");
                }
            });
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                // A cursor at the very end of the object: nothing is left to read.
                return new ObjectStream(null, InputStream.nullInputStream());
            }
            throw failed(e);
        } catch (SdkException e) {
            throw failed(e);
        }
        try {
            InputStream in = response;
            if (gzipped()) {
                in = new GZIPInputStream(response, 64 * 1024);
                in.skipNBytes(offset);
            }
            return new ObjectStream(response, in);
        } catch (IOException e) {
            response.abort();
            throw failed(e);
        }
    }

    static MapRunIoException failed(Exception e) {
        return new MapRunIoException(StatesErrors.ITEM_READER_FAILED, e.getMessage());
    }

    /**
     * An open object body. Closing it aborts the download instead of draining the rest of a large object.
     */
    record ObjectStream(ResponseInputStream<GetObjectResponse> response, InputStream in) implements AutoCloseable {
        @Override
        public void close() {
            if (response != null) {
                response.abort();
            }
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
