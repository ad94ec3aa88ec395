package dev.autosync.local;

import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The folder ({@code AUTOSYNC_DATA_DIR}) where the stand-ins keep the table and the queued messages across
 * a restart, locked while a runner uses it: two runners writing one LevelDB and one H2 file would corrupt both.
 */
final class DataFolder implements AutoCloseable {

    /** The default, in the working copy (git ignores it). */
    static final String DEFAULT_NAME = ".autosync-data";

    private final FileChannel channel;

    private DataFolder(FileChannel channel) {
        this.channel = channel;
    }

    /** Notes in {@code env} when {@code folder} cannot be created or written, so the start stops before anything runs. */
    static void check(Path folder, Env env) {
        try {
            Files.createDirectories(folder);
            Files.delete(Files.createTempFile(folder, ".writable", ""));
        } catch (IOException | SecurityException e) {
            env.problem(EnvVars.AUTOSYNC_DATA_DIR + " " + folder + " is not a folder autosync can write ("
                    + e.getClass().getSimpleName() + "): make it writable, or set " + EnvVars.AUTOSYNC_DATA_DIR
                    + " to one that is");
        }
    }

    /** Takes the folder for this runner, or says that another one has it. */
    static DataFolder lock(Path folder) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(folder.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DataFolder(channel);
            }
        } catch (OverlappingFileLockException | IOException e) {
            // held by a runner in this JVM, or unusable: either way not ours
        }
        close(channel);
        throw new LocalStartException("another autosync local is using " + folder + ": stop it, or set "
                + EnvVars.AUTOSYNC_DATA_DIR + " to another folder", null);
    }

    @Override
    public void close() {
        close(channel); // releases the lock
    }

    private static void close(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
