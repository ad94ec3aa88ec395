package dev.autosync.store;

/** What a guarded write did. */
public enum WriteOutcome {
    /** The write won. */
    WRITTEN,
    /** The stored entity is newer (by GitHub's own timestamps): the write was a no-op. */
    STALE,
    /** The entity (or its repository) is deleted: the write was refused so it stays deleted. */
    DELETED
}
