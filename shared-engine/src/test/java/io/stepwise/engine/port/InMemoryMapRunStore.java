package io.stepwise.engine.port;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The Map Run store port held in memory: the reference adapter its contract runs over. */
public final class InMemoryMapRunStore implements MapRunStore {
    private final Map<String, MapRunRecord> runs = new HashMap<>();
    private final Map<String, ChildResult> children = new HashMap<>();

    @Override
    public synchronized boolean create(MapRunRecord run) {
        return runs.putIfAbsent(run.mapRunArn(), run) == null;
    }

    @Override
    public synchronized Optional<MapRunRecord> find(String mapRunArn) {
        return Optional.ofNullable(runs.get(mapRunArn));
    }

    @Override
    public synchronized boolean update(MapRunRecord expected, MapRunRecord updated) {
        return runs.replace(expected.mapRunArn(), expected, updated);
    }

    @Override
    public synchronized Page<MapRunRecord> list(String executionArn, int maxResults, String nextToken) {
        return InMemoryPages.page(runs.values().stream().filter(run -> run.executionArn().equals(executionArn))
                .sorted(Comparator.comparing(MapRunRecord::startDate).thenComparing(MapRunRecord::mapRunArn)
                        .reversed())
                .toList(), "mapRuns\n" + executionArn, maxResults, nextToken);
    }

    @Override
    public synchronized boolean putChildResult(String mapRunArn, int index, ChildResult result) {
        ChildResult kept = children.get(mapRunArn + "#" + index);
        if (kept != null && kept.redriveCount() >= result.redriveCount()) {
            return false;
        }
        children.put(mapRunArn + "#" + index, result);
        return true;
    }

    @Override
    public synchronized Optional<ChildResult> childResult(String mapRunArn, int index) {
        return Optional.ofNullable(children.get(mapRunArn + "#" + index));
    }
}
