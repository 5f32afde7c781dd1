package io.stepwise.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One API operation: a request body in, a response body out, or an {@link ApiException}. */
@FunctionalInterface
interface Operation {
    ObjectNode handle(ApiRequest request);
}
