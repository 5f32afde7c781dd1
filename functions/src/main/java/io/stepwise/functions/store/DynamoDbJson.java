package io.stepwise.functions.store;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.stepwise.engine.port.StoredJson;

/** JSON as stored in DynamoDB, with map entries sorted so that equal values write equal text. */
final class DynamoDbJson {
    static final StoredJson JSON = new StoredJson(
            StoredJson.isoDatesMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS),
            IllegalStateException::new);

    private DynamoDbJson() {
    }
}
