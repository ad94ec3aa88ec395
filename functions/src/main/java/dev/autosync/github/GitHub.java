package dev.autosync.github;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What autosync asks of GitHub. Listings are lazy streams of pages fetched one at a time (never a
 * whole history in memory); installation listings are conditional, so unchanged pages come back as
 * {@link Page#notModified()} and cost no rate limit.
 *
 * <p>Every method may throw {@link RateLimitedException}, {@link GitHubUnavailableException} or
 * {@link GitHubRejectedException}; listings throw {@link ResourceGoneException} when their parent is gone.
 * Pages and lookups carry the response's {@code Date}, GitHub's time for what they show.
 *
 * @see <a href="https://docs.github.com/en/rest">GitHub REST API</a>
 */
public interface GitHub {

    /** {@code GET /app/installations} (App JWT). */
    Stream<Page<Installation>> installations();

    /** {@code GET /app/installations/{id}} (App JWT). */
    Lookup<Installation> installation(InstallationId id);

    /** {@code GET /installation/repositories}, conditional. */
    default Stream<Page<Repository>> repositories(InstallationId installation) {
        return repositories(installation, true);
    }

    /**
     * As {@link #repositories(InstallationId)}; {@code conditional} false reads every page whatever ETag is
     * held (a full reconciliation, or a walk whose record of an unchanged page is not of that page's version),
     * and keeps the ETags it is given.
     */
    Stream<Page<Repository>> repositories(InstallationId installation, boolean conditional);

    /** {@code GET /repos/{owner}/{repo}}. */
    Lookup<Repository> repository(InstallationId installation, RepoRef repo);

    /**
     * {@code GET /repositories/{repository_id}}: a repository by its id, which survives renames and
     * transfers; {@link Lookup.NotFound} when it was deleted or the installation lost access.
     */
    Lookup<Repository> repositoryById(InstallationId installation, long repositoryId);

    /** {@code GET /repos/{owner}/{repo}/commits?sha=&since=}, newest first; an empty repository has none. */
    default Stream<Page<Commit>> commits(InstallationId installation, RepoRef repo, Optional<String> sha,
                                         Optional<Instant> since) {
        return commits(installation, repo, sha, since, Optional.empty());
    }

    /**
     * {@code GET /repos/{owner}/{repo}/commits?sha=&since=&until=}, newest first; an empty repository has
     * none. GitHub filters by commit date; {@code since} and {@code until} are both inclusive.
     */
    default Stream<Page<Commit>> commits(InstallationId installation, RepoRef repo, Optional<String> sha,
                                         Optional<Instant> since, Optional<Instant> until) {
        return commits(installation, repo, sha, since, until, 1);
    }

    /**
     * As {@link #commits(InstallationId, RepoRef, Optional, Optional, Optional)}, from page {@code firstPage}
     * (100 commits a page): a walk over a fixed window resumes where it stopped, which no commit date can
     * say when hundreds of commits share one (a rebase gives them all the same second).
     */
    Stream<Page<Commit>> commits(InstallationId installation, RepoRef repo, Optional<String> sha,
                                 Optional<Instant> since, Optional<Instant> until, int firstPage);

    /**
     * {@code GET /repos/{owner}/{repo}/issues/{number}}: an issue or pull request; not found when deleted,
     * or moved away ({@code 301}: transferred to another repository).
     */
    Lookup<Issue> issue(InstallationId installation, RepoRef repo, int number);

    /** {@code GET /repos/{owner}/{repo}/issues?state=all&since=}, without the pull requests GitHub mixes in. */
    Stream<Page<Issue>> issues(InstallationId installation, RepoRef repo, Optional<Instant> since);

    /**
     * {@code GET /repos/{owner}/{repo}/pulls?state=all&sort=updated&direction=desc}, conditional: most
     * recently updated first, so a caller looking for changes since a time stops once it passes it.
     */
    default Stream<Page<PullRequest>> pullRequests(InstallationId installation, RepoRef repo) {
        return pullRequests(installation, repo, true);
    }

    /**
     * As {@link #pullRequests(InstallationId, RepoRef)}; {@code conditional} false reads every page whatever
     * ETag is held: a walk that must see everything (a full reconciliation, a first read) cannot take an
     * unchanged page's 304 for "the store has it", since the store may have lost what the page shows.
     */
    Stream<Page<PullRequest>> pullRequests(InstallationId installation, RepoRef repo, boolean conditional);

    /**
     * {@code GET /search/issues?q=&sort=updated&order=desc&per_page=100}, every page GitHub serves (at
     * most 10, so at most 1,000 hits). {@code query} is the search text as typed in GitHub's search box,
     * qualifiers separated by spaces (e.g. {@code org:acme updated:>=2026-01-05T10:00:00Z}); the client
     * encodes it. Charged to the installation's separate {@code search} budget; a spent one is
     * {@link RateLimitedException}, and a query GitHub will not run (422, e.g. a user or org it
     * cannot search) is {@link GitHubRejectedException}.
     *
     * @see <a href="https://docs.github.com/en/rest/search/search#search-issues-and-pull-requests">Search issues and pull requests</a>
     */
    SearchResults searchIssues(InstallationId installation, String query);

    /** {@code GET /repos/{owner}/{repo}/compare/{base}...{head}}, for pushes whose payload was truncated. */
    Lookup<Comparison> compare(InstallationId installation, RepoRef repo, String base, String head);

    /** {@code GET /app/hook/deliveries} (App JWT), newest first. */
    Stream<Page<HookDelivery>> hookDeliveries();

    /** {@code POST /app/hook/deliveries/{id}/attempts} (App JWT): true if GitHub accepted, false if unknown. */
    boolean redeliver(long deliveryId);

    /**
     * The newest primary ({@code core}) rate limit that responses to the installation's token reported to this
     * client, with when: read from the headers of responses already received, so it costs no request. Empty
     * when none did (no request yet in this container, or a GitHub that sends no rate-limit headers). The
     * default knows nothing: a wrapper that does not forward it reports nothing rather than something wrong.
     */
    default Optional<ObservedRateLimit> lastRateLimit(InstallationId installation) {
        return Optional.empty();
    }
}
