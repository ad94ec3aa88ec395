package dev.autosync.store;

/**
 * Where the store hands a purge it could not finish within one call: the deleted entity is a tombstone
 * already (hidden from every reader), and whoever is given the purge continues it in bounded steps with
 * {@link EntityStore#purgeStep}. Wiring sends it to the sync-task queue; the store never calls a queue itself.
 */
@FunctionalInterface
public interface Purges {

    void schedule(Purge purge);

    /**
     * What is left to delete: a deleted repository's partition, or a deleted installation's repositories.
     *
     * @param notBefore when to start, for a sweep (null: at once)
     */
    record Purge(Kind kind, long id, java.time.Instant notBefore) {

        public enum Kind { REPOSITORY, INSTALLATION }

        public static Purge repository(long repositoryId) {
            return new Purge(Kind.REPOSITORY, repositoryId, null);
        }

        public static Purge installation(long installationId) {
            return new Purge(Kind.INSTALLATION, installationId, null);
        }

        /** The same purge, not before {@code at}. */
        public Purge notBefore(java.time.Instant at) {
            return new Purge(kind, id, at);
        }
    }
}
