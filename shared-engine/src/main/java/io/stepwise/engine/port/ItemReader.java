package io.stepwise.engine.port;

/**
 * Reads the items of a Distributed Map's ItemReader a page at a time, streaming: a page never needs the whole
 * object in memory, and reading from a cursor does not re-read what earlier pages returned.
 */
public interface ItemReader {

    /**
     * The items after {@code cursor}, at most {@code maxItems} of them. {@code ReaderConfig.MaxItems} is counted by
     * the reader across pages (the cursor carries how many were returned so far).
     *
     * @param cursor {@code null} for the first page, else {@link ItemPage#nextCursor()} of the previous page
     * @throws MapRunIoException when the source cannot be read as configured (the Map Run fails with its error)
     */
    ItemPage read(ItemSource source, String cursor, int maxItems);
}
