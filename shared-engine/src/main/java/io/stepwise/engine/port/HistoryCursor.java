package io.stepwise.engine.port;

/**
 * Where a page of an execution's history starts, as the stores' page tokens carry it: the id of the last event of
 * the page before. Bound to the execution and the order, so a token of another listing is refused.
 *
 * @param afterId the events of the page come after this id in the listing's order: 0 (or, reversed,
 *     {@link Long#MAX_VALUE}) for a first page
 */
public record HistoryCursor(String scope, long afterId) {

    /** @throws InvalidPageToken when {@code nextToken} is not a token of this history in this order */
    public static HistoryCursor of(String executionArn, boolean reverse, String nextToken) {
        String scope = "history\n" + executionArn + "\n" + reverse;
        String after = PageTokens.decode(scope, nextToken);
        try {
            return new HistoryCursor(scope, after == null ? (reverse ? Long.MAX_VALUE : 0) : Long.parseLong(after));
        } catch (NumberFormatException e) {
            throw new InvalidPageToken();
        }
    }

    /** The token of the page after the one whose last event is {@code lastId}. */
    public String next(long lastId) {
        return PageTokens.encode(scope, Long.toString(lastId));
    }
}
