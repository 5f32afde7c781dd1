package io.stepwise.local.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Whether a file may be opened as the store. SQLite would happily start a fresh database over a 0-byte file and
 * only fail at the first read of a damaged page, so a damaged database would show up later as lost data or a crash
 * mid-request; this refuses it at startup instead, and never writes to a file it refuses.
 */
final class DatabaseFileCheck {
    /** The first 16 bytes of every SQLite 3 database (sqlite.org/fileformat.html, "The Database Header"). */
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private DatabaseFileCheck() {
    }

    /** Before SQLite opens {@code file}: it is absent (a fresh start) or begins like an SQLite database. */
    static void beforeOpen(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(SQLITE_HEADER.length);
            if (header.length == 0) {
                throw refused(file, "is empty (0 bytes), not a Stepwise database");
            }
            if (!Arrays.equals(header, SQLITE_HEADER)) {
                throw refused(file, "is not an SQLite database");
            }
        } catch (IOException e) {
            throw refused(file, "cannot be read: " + e.getMessage());
        }
    }

    /** Once open: SQLite's {@code quick_check} finds every page and index entry where it should be. */
    static void afterOpen(Connection connection, Path file) {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA quick_check(1)")) {
            String verdict = rows.next() ? rows.getString(1) : "no answer from quick_check";
            if (!"ok".equals(verdict)) {
                throw refused(file, "is damaged (" + verdict + ")");
            }
        } catch (SQLException e) {
            throw damaged(file, e);
        }
    }

    static StoreRefusedException damaged(Path file, SQLException e) {
        return refused(file, "is damaged or not a database (" + e.getMessage() + ")");
    }

    static StoreRefusedException refused(Path file, String what) {
        return new StoreRefusedException(file + " " + what + "; Stepwise will not start over it. Move it away to"
                + " start with an empty store, or restore it from a backup.");
    }
}
