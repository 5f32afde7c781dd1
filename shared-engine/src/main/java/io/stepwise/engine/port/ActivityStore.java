package io.stepwise.engine.port;

import java.util.Optional;

/** Stores activities by ARN. */
public interface ActivityStore {

    /** Stores a new activity; returns {@code false}, changing nothing, when its ARN is taken. */
    boolean create(ActivityRecord activity);

    Optional<ActivityRecord> find(String arn);

    /**
     * Replaces {@code expected} by {@code updated} (same ARN) if the stored activity still equals {@code expected};
     * returns {@code false}, changing nothing, otherwise.
     */
    boolean update(ActivityRecord expected, ActivityRecord updated);

    /** Returns {@code false} when there was no such activity. */
    boolean delete(String arn);

    /**
     * Activities ordered by name; {@code nextToken} is {@code null} or a token from an earlier page.
     *
     * @throws InvalidPageToken when {@code nextToken} is not one this store issued
     */
    Page<ActivityRecord> list(int maxResults, String nextToken);
}
