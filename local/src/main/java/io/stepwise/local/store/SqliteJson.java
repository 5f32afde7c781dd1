package io.stepwise.local.store;

import io.stepwise.engine.port.StoredJson;

/** JSON as stored in SQLite; a failure surfaces as {@link StoreException}. */
final class SqliteJson {
    static final StoredJson JSON = new StoredJson(StoredJson.isoDatesMapper(), StoreException::new);

    private SqliteJson() {
    }
}
