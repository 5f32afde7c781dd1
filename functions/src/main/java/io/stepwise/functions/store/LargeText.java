package io.stepwise.functions.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Text attributes that may be large (execution states, definitions, history details): kept as a string ({@code S})
 * while short, so they stay readable in the console, and gzipped into a binary ({@code B}) attribute from
 * {@value #COMPRESS_FROM} bytes on, where JSON shrinks five- to tenfold. The reader tells the two apart by the
 * attribute's type, so either form reads back whatever threshold wrote it.
 */
final class LargeText {
    /** Below this many UTF-8 bytes compression saves too little to cost a gzip. */
    static final int COMPRESS_FROM = 4_096;
    /**
     * What one attribute may hold after compression: DynamoDB's item limit is 400 KB including names and the
     * other attributes, so some room is left for them.
     */
    static final int MAX_STORED_BYTES = 350_000;

    private LargeText() {
    }

    static AttributeValue encode(String text, String what) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < COMPRESS_FROM) {
            return AttributeValue.fromS(text);
        }
        byte[] gzipped = gzip(utf8);
        if (gzipped.length > MAX_STORED_BYTES) {
            throw new IllegalArgumentException(what + " is " + gzipped.length + " bytes after compression, over the "
                    + MAX_STORED_BYTES + " a DynamoDB item can hold beside its other attributes");
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(gzipped));
    }

    static String decode(AttributeValue value) {
        if (value == null) {
            return null;
        }
        if (value.s() != null) {
            return value.s();
        }
        return new String(gunzip(value.b().asByteArray()), StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return zip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
