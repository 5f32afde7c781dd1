package io.stepwise.functions.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Text attributes that may be large (execution states, definitions, history details): kept as a string ({@code S})
 * while short, so they stay readable in the console, and gzipped into a binary ({@code B}) attribute from
 * {@value #COMPRESS_FROM} bytes on when that is smaller. Writes are billed per started KB of the whole item, and a
 * history event or execution item carries some 150 bytes beside this attribute, so a payload of half a KB already
 * decides between one write unit and two; JSON of that size shrinks two- to threefold (measured in BENCHMARKS.md,
 * "Stepwise on AWS: cost per state transition"). What is still over
 * {@value #MAX_STORED_BYTES} bytes gzipped goes to S3 when a bucket is configured, the attribute becoming a map
 * {@code {"s3": <key>}}; the object's key is the SHA-256 of its content, so writing it again (a retried commit) is
 * harmless, and an object a refused commit wrote is only an orphan, never wrong data. The reader tells the forms
 * apart by the attribute's type, so any form reads back whatever configuration wrote it.
 */
public final class LargeText {
    /** Below this many UTF-8 bytes compression cannot save a write unit. */
    static final int COMPRESS_FROM = 512;
    /**
     * What one attribute may hold after compression: DynamoDB's item limit is 400 KB including names and the
     * other attributes, so some room is left for them.
     */
    static final int MAX_STORED_BYTES = 350_000;
    private static final LargeText INLINE = new LargeText(null, null);

    private final S3Client s3;
    private final String bucket;

    private LargeText(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Everything in the item; text too large even compressed is refused. */
    public static LargeText inline() {
        return INLINE;
    }

    /** Text too large for the item, compressed, goes to {@code bucket} under {@code payloads/}. */
    public static LargeText overflowingTo(S3Client s3, String bucket) {
        return new LargeText(s3, bucket);
    }

    AttributeValue encode(String text, String what) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < COMPRESS_FROM) {
            return AttributeValue.fromS(text);
        }
        byte[] gzipped = gzip(utf8);
        AttributeValue inItem = inItem(text, utf8, gzipped);
        if (inItem != null) {
            return inItem;
        }
        if (s3 == null) {
            throw new IllegalArgumentException(what + " is " + gzipped.length + " bytes after compression, over the "
                    + MAX_STORED_BYTES + " a DynamoDB item can hold beside its other attributes, and no payload"
                    + " bucket is configured");
        }
        String key = "payloads/" + sha256(gzipped);
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(gzipped));
        return AttributeValue.fromM(Map.of("s3", AttributeValue.fromS(key)));
    }

    /**
     * {@link #encode} for text that fits the item, plain or gzipped; {@code null} for text that would go to the
     * payload bucket, which this never writes to (what a commit weighs before choosing).
     */
    AttributeValue encodeInItem(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return utf8.length < COMPRESS_FROM ? AttributeValue.fromS(text) : inItem(text, utf8, gzip(utf8));
    }

    /** The text as the item holds it, plain where gzip would not shrink it; {@code null} when it is too large. */
    private static AttributeValue inItem(String text, byte[] utf8, byte[] gzipped) {
        if (gzipped.length >= utf8.length && utf8.length <= MAX_STORED_BYTES) {
            return AttributeValue.fromS(text);
        }
        return gzipped.length <= MAX_STORED_BYTES ? AttributeValue.fromB(SdkBytes.fromByteArray(gzipped)) : null;
    }

    String decode(AttributeValue value) {
        if (value == null) {
            return null;
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.hasM() && value.m().containsKey("s3")) {
            if (s3 == null) {
                throw new IllegalStateException("a stored text is in S3 (" + value.m().get("s3").s()
                        + ") and no payload bucket is configured");
            }
            String key = value.m().get("s3").s();
            return new String(gunzip(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()),
                    StandardCharsets.UTF_8);
        }
        return new String(gunzip(value.b().asByteArray()), StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
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
