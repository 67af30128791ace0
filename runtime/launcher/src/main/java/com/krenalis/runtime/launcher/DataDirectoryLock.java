package com.krenalis.runtime.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the data directory for the life of the process: two servers on one data directory would
 * corrupt each other (and the second would take the first one's PostgreSQL for an orphan). The operating system
 * releases it when the process dies, however it dies.
 */
final class DataDirectoryLock {
    private DataDirectoryLock() {
    }

    /** Holds the lock until the JVM exits. */
    static void acquire(Path dataDir) throws IOException, ConfigException {
        Path file = dataDir.resolve("krenalis.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldByThisProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new ConfigException("another Krenalis server is running on the data directory " + dataDir
                    + ": stop it, or set " + Setting.DATA_DIR.display() + " to another directory");
        }
        // Deliberately never released: the channel and lock live as long as the process.
        HELD[0] = lock;
    }

    private static final FileLock[] HELD = new FileLock[1];
}
