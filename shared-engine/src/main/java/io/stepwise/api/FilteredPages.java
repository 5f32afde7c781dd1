package io.stepwise.api;

import io.stepwise.engine.port.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A page of a store's list holding only the items a request asks for where the store cannot filter them itself
 * (resources of the request's region, executions of a version or alias, redriven executions): pages are read on,
 * each asking for only as many items as are still missing, until the page is full or the list ends. The last
 * store token read continues the listing exactly where the page stopped.
 */
final class FilteredPages {
    private FilteredPages() {
    }

    static <T> Page<T> of(int maxResults, String nextToken, BiFunction<Integer, String, Page<T>> list,
            Predicate<T> keep) {
        List<T> items = new ArrayList<>();
        String token = nextToken;
        do {
            Page<T> page = list.apply(maxResults - items.size(), token);
            page.items().stream().filter(keep).forEach(items::add);
            token = page.nextToken();
        } while (token != null && items.size() < maxResults);
        return new Page<>(items, token);
    }
}
