package dev.autosync.store;

/**
 * Where the store hands a purge it could not finish within one call: the deleted entity is a tombstone
 * already (hidden from every reader), and whoever is given the purge continues it in bounded steps with
 * {@link EntityStore#purgeStep}. Wiring sends it to the sync-task queue; the store never calls a queue itself.
 */
@FunctionalInterface
public interface Purges {

    void schedule(Purge purge);

    /** What is left to delete: a deleted repository's partition, or a deleted installation's repositories. */
    record Purge(Kind kind, long id) {

        public enum Kind { REPOSITORY, INSTALLATION }

        public static Purge repository(long repositoryId) {
            return new Purge(Kind.REPOSITORY, repositoryId);
        }

        public static Purge installation(long installationId) {
            return new Purge(Kind.INSTALLATION, installationId);
        }
    }
}
