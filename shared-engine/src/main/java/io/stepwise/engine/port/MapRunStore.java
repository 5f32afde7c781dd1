package io.stepwise.engine.port;

import java.util.Optional;

/**
 * Stores the Map Runs of Distributed Map states, apart from their parent execution: a run's counts change with
 * every child that finishes, and a separate record keeps those writes off the parent's version.
 */
public interface MapRunStore {

    /** Stores a new Map Run; returns {@code false}, changing nothing, when its ARN is taken. */
    boolean create(MapRunRecord run);

    /** The Map Run with this ARN, or empty when there is none. */
    Optional<MapRunRecord> find(String mapRunArn);

    /**
     * Replaces {@code expected} by {@code updated} (same ARN) if the stored run still equals {@code expected};
     * returns {@code false}, changing nothing, when it was changed meanwhile or is gone. Children finishing at once
     * read, change and retry, so no count is lost.
     */
    boolean update(MapRunRecord expected, MapRunRecord updated);

    /**
     * The Map Runs an execution started, newest first; {@code nextToken} is {@code null} or a token from an earlier
     * page of the same execution's listing.
     *
     * @throws InvalidPageToken when {@code nextToken} is not one this store issued for this listing
     */
    Page<MapRunRecord> list(String executionArn, int maxResults, String nextToken);

    /**
     * Keeps the end of the Map Run's Express child at {@code index}, which has no execution record of its own, for
     * the Map's result. The first end kept for an attempt ({@link ChildResult#redriveCount()}) stays: an Express child
     * may run more than once (at-least-once), and the parent counts the end that was kept. An end of a later attempt
     * (a redrive) replaces it. Returns {@code false}, changing nothing, when an end of this attempt or a later one
     * was kept already.
     */
    boolean putChildResult(String mapRunArn, int index, ChildResult result);

    /** The end kept by {@link #putChildResult} for the child at {@code index}, or empty. */
    Optional<ChildResult> childResult(String mapRunArn, int index);
}
