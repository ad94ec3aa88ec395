package dev.autosync.store;

import java.util.Locale;
import java.util.Objects;

/**
 * How one task of a sync job ended, as {@link JobProgress#finish} counts it.
 *
 * @param repository    {@code owner/name} when the task was about one repository, else null; a repository
 *                      task that ended {@link Outcome#SYNCED}, {@link Outcome#UNCHANGED} or {@link Outcome#GONE}
 *                      counts in the job's {@code repositories_processed}
 * @param commits       commits written
 * @param issues        issues written
 * @param pulls         pull requests written
 * @param redeliveries  missed webhook deliveries asked to be redelivered
 * @param error         a short description, set only when {@link Outcome#FAILED}
 * @param checked       repositories an installation task checked and found unchanged (or gone) without a
 *                      task of their own: they count in {@code repositories_processed} too
 */
public record TaskResult(Outcome outcome, String repository, int commits, int issues, int pulls, int redeliveries,
                         String error, int checked) {

    /** Longest error kept per task (the job's item holds up to 100 of them). */
    static final int ERROR_CHARS = 500;

    public enum Outcome {
        /** Read from GitHub and written. */
        SYNCED,
        /** Checked: nothing had changed. */
        UNCHANGED,
        /** The repository no longer exists (or left the installation): handled as deleted. */
        GONE,
        /** Not attempted (e.g. a suspended installation); neither processed nor an error. */
        SKIPPED,
        /** Ended with an error. */
        FAILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Outcome fromWireName(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public TaskResult {
        Objects.requireNonNull(outcome, "outcome");
        if (commits < 0 || issues < 0 || pulls < 0 || redeliveries < 0 || checked < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if (outcome != Outcome.FAILED) {
            error = null;
        } else if (error == null || error.isBlank()) {
            error = "failed";
        } else if (error.length() > ERROR_CHARS) {
            error = error.substring(0, ERROR_CHARS);
        }
    }

    public static TaskResult synced(String repository, int commits, int issues, int pulls) {
        return new TaskResult(Outcome.SYNCED, repository, commits, issues, pulls, 0, null, 0);
    }

    public static TaskResult unchanged(String repository) {
        return new TaskResult(Outcome.UNCHANGED, repository, 0, 0, 0, 0, null, 0);
    }

    public static TaskResult gone(String repository) {
        return new TaskResult(Outcome.GONE, repository, 0, 0, 0, 0, null, 0);
    }

    public static TaskResult skipped(String repository) {
        return new TaskResult(Outcome.SKIPPED, repository, 0, 0, 0, 0, null, 0);
    }

    public static TaskResult failed(String repository, String error) {
        return new TaskResult(Outcome.FAILED, repository, 0, 0, 0, 0, error, 0);
    }

    /** A task that fanned out or did installation-wide work (no single repository). */
    public static TaskResult done() {
        return new TaskResult(Outcome.SYNCED, null, 0, 0, 0, 0, null, 0);
    }

    /** The result of an installation task that checked {@code count} repositories itself. */
    public static TaskResult checked(int count) {
        return new TaskResult(Outcome.SYNCED, null, 0, 0, 0, 0, null, count);
    }

    /** The same result with {@code count} redeliveries requested. */
    public TaskResult withRedeliveries(int count) {
        return new TaskResult(outcome, repository, commits, issues, pulls, count, error, checked);
    }

    /** Whether this counts as a repository processed: one repository checked, whatever it held. */
    public boolean processedRepository() {
        return repository != null && (outcome == Outcome.SYNCED || outcome == Outcome.UNCHANGED || outcome == Outcome.GONE);
    }

    /** How many repositories this task adds to the job's {@code repositories_processed}. */
    public int repositoriesProcessed() {
        return (processedRepository() ? 1 : 0) + checked;
    }
}
