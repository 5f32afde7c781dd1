package io.stepwise.local.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sole ownership of a data directory: an OS lock on its {@code stepwise.lock} file, held while the database is
 * open. Two servers on one directory would each dispatch the other's outbox and fire the other's timers. The OS
 * drops the lock when the process ends, however it ends, so a restart after {@code kill -9} needs no clean-up. The
 * file holds the owner's pid, host and start time so that a refused second process can name the first.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE_NAME = "stepwise.lock";

    /**
     * Directories locked by this JVM. POSIX drops every lock a process holds on a file when it closes any channel to
     * that file, so a second open in the same process is refused before it opens the file at all.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    private final FileChannel channel;

    private DataDirLock(Path dataDir, FileChannel channel) {
        this.dataDir = dataDir;
        this.channel = channel;
    }

    /** Locks {@code dataDir} (which must exist) for this process, or refuses naming the process that owns it. */
    static DataDirLock acquire(Path dataDir) {
        Path dir;
        try {
            dir = dataDir.toRealPath();
        } catch (IOException e) {
            throw new StoreRefusedException("cannot use " + dataDir + ": " + e.getMessage());
        }
        if (!HELD.add(dir)) {
            throw new StoreRefusedException(dir + " is already open in this process");
        }
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String owner = read(channel);
                throw new StoreRefusedException(dir + " is in use by another Stepwise process ("
                        + (owner.isBlank() ? "owner unknown" : owner) + "; lock " + file + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(owner().getBytes(StandardCharsets.UTF_8)), 0);
            return new DataDirLock(dir, channel);
        } catch (IOException | RuntimeException e) {
            HELD.remove(dir);
            closeQuietly(channel);
            if (e instanceof StoreRefusedException refused) {
                throw refused;
            }
            throw new StoreRefusedException("cannot lock " + file + ": " + e.getMessage());
        }
    }

    private static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        return "pid " + ProcessHandle.current().pid() + " on " + host + ", started " + started;
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing is all that is left to do with it.
            }
        }
    }

    /** Releases the directory; the lock file stays (removing it could race with the next owner's open). */
    @Override
    public void close() {
        closeQuietly(channel);
        HELD.remove(dataDir);
    }
}
