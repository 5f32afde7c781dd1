package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.ResourceArn;
import io.stepwise.engine.port.ChildResult;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.engine.port.ResultTarget;
import io.stepwise.engine.port.ResultWriter;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Distributed Map's ResultWriter to S3 ({@code arn:aws:states:::s3:putObject}), as AWS exports a Map Run:
 * under {@code <Prefix>/<Map Run id>/}, one file series per status — {@code SUCCEEDED_n.json},
 * {@code FAILED_n.json} (failed, timed out and aborted children), {@code PENDING_n.json} (children that never
 * ended) — and a {@code manifest.json} listing them with their sizes; the Map state's result is
 * {@code {"MapRunArn": ..., "ResultWriterDetails": {"Bucket": ..., "Key": ".../manifest.json"}}}. Without a
 * {@code Resource} the results are only transformed by {@code WriterConfig} and returned as the Map's result.
 */
public final class S3ResultWriter implements ResultWriter {
    /** AWS splits a status's results into files of at most 5 GB. */
    public static final long MAX_FILE_BYTES = 5L * 1024 * 1024 * 1024;
    private static final String SESSION = "stepwise-result-writer";
    private static final List<String> STATUSES = List.of("FAILED", "PENDING", "SUCCEEDED");

    private final AwsClients clients;
    private final long maxFileBytes;

    public S3ResultWriter(AwsClients clients) {
        this(clients, MAX_FILE_BYTES);
    }

    /** @param maxFileBytes the size past which a status's results continue in the next file */
    public S3ResultWriter(AwsClients clients, long maxFileBytes) {
        this.clients = clients;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public JsonNode write(ResultTarget target, String mapRunArn, Iterator<ChildResult> results) {
        WriterSettings settings = WriterSettings.of(target.writerConfig());
        if (target.resource() == null) {
            ArrayNode transformed = Json.MAPPER.createArrayNode();
            results.forEachRemaining(child -> ResultEntries.of(child, settings.transformation(), transformed::add));
            return transformed;
        }
        if (!(ResourceArn.parse(target.resource()).orElse(null) instanceof ResourceArn.ServiceIntegration service
                && service.is("s3", "putObject"))) {
            throw failed("Unsupported ResultWriter resource: " + target.resource());
        }
        JsonNode arguments = target.arguments() == null ? Json.MAPPER.createObjectNode() : target.arguments();
        if (!arguments.path("Bucket").isTextual()) {
            throw failed("The ResultWriter's Bucket must be a string.");
        }
        String bucket = arguments.path("Bucket").asText();
        String base = folder(arguments.path("Prefix").asText(""), mapRunArn);
        S3Client s3 = clients.client(AwsService.S3, S3ItemReader.roleArn(target.credentials()), SESSION);
        Map<String, ResultFiles> byStatus = new LinkedHashMap<>();
        STATUSES.forEach(status -> byStatus.put(status, new ResultFiles(status, settings.jsonLines(), maxFileBytes)));
        try {
            results.forEachRemaining(child -> ResultEntries.of(child, settings.transformation(),
                    byStatus.get(group(child.status()))::add));
            ObjectNode manifest = Json.MAPPER.createObjectNode();
            manifest.put("DestinationBucket", bucket);
            manifest.put("MapRunArn", mapRunArn);
            ObjectNode resultFiles = manifest.putObject("ResultFiles");
            for (String status : STATUSES) {
                ArrayNode listed = resultFiles.putArray(status);
                for (ResultFiles.Spooled file : byStatus.get(status).finish()) {
                    String key = base + file.name();
                    s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                            RequestBody.fromFile(file.path()));
                    listed.addObject().put("Key", key).put("Size", file.size());
                }
            }
            String manifestKey = base + "manifest.json";
            s3.putObject(b -> b.bucket(bucket).key(manifestKey).contentType("application/json"),
                    RequestBody.fromString(Json.write(manifest)));
            ObjectNode result = Json.MAPPER.createObjectNode().put("MapRunArn", mapRunArn);
            result.putObject("ResultWriterDetails").put("Bucket", bucket).put("Key", manifestKey);
            return result;
        } catch (SdkException | UncheckedIOException e) {
            throw failed(e.getMessage());
        } finally {
            byStatus.values().forEach(ResultFiles::close);
        }
    }

    /** {@code <Prefix>/<Map Run id>/}: the id is the last part of the Map Run's ARN. */
    static String folder(String prefix, String mapRunArn) {
        String id = mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
        if (prefix.isEmpty()) {
            return id + "/";
        }
        return (prefix.endsWith("/") ? prefix : prefix + "/") + id + "/";
    }

    private static String group(String status) {
        return switch (status) {
            case "SUCCEEDED" -> "SUCCEEDED";
            case "FAILED", "TIMED_OUT", "ABORTED" -> "FAILED";
            default -> "PENDING";
        };
    }

    private static MapRunIoException failed(String cause) {
        return new MapRunIoException(StatesErrors.RESULT_WRITER_FAILED, cause);
    }
}
