package dev.autosync.github;

/**
 * GitHub refused the request for a reason retrying cannot fix (400, 401 after a token refresh, 403
 * that is not a rate limit, 409, 422). The message holds GitHub's own explanation, never a credential.
 */
public class GitHubRejectedException extends RuntimeException {

    private final int status;

    public GitHubRejectedException(int status, String request, String gitHubMessage) {
        this(status, request + " was refused with " + status + ": " + gitHubMessage);
    }

    /** For refusals worded by autosync itself (see {@link PaginationRefusedException}). */
    protected GitHubRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
