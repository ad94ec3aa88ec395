package dev.autosync.github;

/** GitHub kept failing (5xx or no connection) through every retry the client allows. */
public final class GitHubUnavailableException extends RuntimeException {

    public GitHubUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
