package io.stepwise.engine.port;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where and how a Distributed Map's ResultWriter writes, with every path and expression already evaluated.
 *
 * @param resource the writer's {@code Resource} ({@code arn:aws:states:::s3:putObject}), or {@code null} when the
 *     ResultWriter only has a {@code WriterConfig} (results are transformed, not exported)
 * @param arguments its evaluated {@code Parameters} / {@code Arguments} ({@code Bucket}, {@code Prefix})
 * @param writerConfig its {@code WriterConfig} ({@code OutputType}, {@code Transformation}), or an empty object
 * @param credentials the writer's {@code Credentials}, or {@code null}
 */
public record ResultTarget(String resource, JsonNode arguments, JsonNode writerConfig, JsonNode credentials) {
}
