package io.stepwise.engine.port;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The activity store port held in memory: the reference adapter beside SQLite, and a store for API tests. */
public final class InMemoryActivityStore implements ActivityStore {
    private final Map<String, ActivityRecord> activities = new ConcurrentHashMap<>();

    @Override
    public boolean create(ActivityRecord activity) {
        return activities.putIfAbsent(activity.arn(), activity) == null;
    }

    @Override
    public Optional<ActivityRecord> find(String arn) {
        return Optional.ofNullable(activities.get(arn));
    }

    @Override
    public boolean update(ActivityRecord expected, ActivityRecord updated) {
        return activities.replace(expected.arn(), expected, updated);
    }

    @Override
    public boolean delete(String arn) {
        return activities.remove(arn) != null;
    }

    @Override
    public Page<ActivityRecord> list(int maxResults, String nextToken) {
        return InMemoryPages.page(activities.values().stream()
                .sorted(Comparator.comparing(ActivityRecord::name).thenComparing(ActivityRecord::arn)).toList(),
                "activities", maxResults, nextToken);
    }
}
