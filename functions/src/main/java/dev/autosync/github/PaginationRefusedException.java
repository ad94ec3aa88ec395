package dev.autosync.github;

/**
 * autosync refused to follow a listing's {@code Link: rel="next"}: the URL is not on the configured GitHub
 * API, the walk came back to a page it had already read, or it ran past its page cap. Nothing was sent to
 * the refused URL, so no token or JWT left for it. Retrying cannot fix it, so it is a
 * {@link GitHubRejectedException}, with status 0: GitHub's answer was a success autosync would not follow.
 */
public final class PaginationRefusedException extends GitHubRejectedException {

    public PaginationRefusedException(String request, String reason) {
        super(0, request + ": not following its next page: " + reason);
    }
}
