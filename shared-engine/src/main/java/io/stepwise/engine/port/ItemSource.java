package io.stepwise.engine.port;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a Distributed Map's ItemReader reads from, with every path and expression already evaluated.
 *
 * @param resource the reader's {@code Resource}, e.g. {@code arn:aws:states:::s3:getObject} or
 *     {@code arn:aws:states:::s3:listObjectsV2}
 * @param arguments its evaluated {@code Parameters} / {@code Arguments} ({@code Bucket}, {@code Key},
 *     {@code Prefix}, {@code VersionId}, ...)
 * @param readerConfig its {@code ReaderConfig} with {@code MaxItemsPath} already resolved into {@code MaxItems},
 *     or an empty object
 * @param credentials the reader's {@code Credentials} (e.g. {@code RoleArn}), or {@code null}
 */
public record ItemSource(String resource, JsonNode arguments, JsonNode readerConfig, JsonNode credentials) {
}
