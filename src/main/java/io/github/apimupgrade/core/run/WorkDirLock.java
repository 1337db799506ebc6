package io.github.apimupgrade.core.run;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.ApimUserException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An operating-system lock on {@code <workDir>/.lock}: two runs of one upgrade project never change
 * files at the same time. The OS drops it when the process ends, so a crash leaves none behind.
 */
final class WorkDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private WorkDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static WorkDirLock acquire(Path workDir, int waitSeconds) {
        try {
            Files.createDirectories(workDir);
            FileChannel channel = FileChannel.open(workDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    return new WorkDirLock(channel, lock);
                }
                if (System.currentTimeMillis() >= deadline) {
                    channel.close();
                    throw new ApimUserException("Another apim-maven-plugin run is working in " + workDir
                            + ". Wait for it to finish, or set '" + RunLocks.WAIT_PROPERTY + "' to wait for it.");
                }
                Thread.sleep(500);
            }
        } catch (IOException e) {
            throw new ApimException("Cannot lock " + workDir.resolve(".lock") + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApimException("Interrupted while waiting for the lock on " + workDir, e);
        }
    }

    @Override
    public void close() {
        try (channel) {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases the lock anyway
        }
    }
}
