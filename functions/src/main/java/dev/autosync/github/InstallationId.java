package dev.autosync.github;

/** A GitHub App installation: one account (organisation or user) that installed the App. */
public record InstallationId(long value) {

    public InstallationId {
        if (value <= 0) {
            throw new IllegalArgumentException("an installation id is a positive number");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
