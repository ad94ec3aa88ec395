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
 */
public interface GitHub {

    /** {@code GET /app/installations} (App JWT). */
    Stream<Page<Installation>> installations();

    /** {@code GET /app/installations/{id}} (App JWT). */
    Lookup<Installation> installation(InstallationId id);

    /** {@code GET /installation/repositories}, conditional. */
    Stream<Page<Repository>> repositories(InstallationId installation);

    /** {@code GET /repos/{owner}/{repo}}. */
    Lookup<Repository> repository(InstallationId installation, RepoRef repo);

    /** {@code GET /repos/{owner}/{repo}/commits?sha=&since=}, newest first; an empty repository has none. */
    Stream<Page<Commit>> commits(InstallationId installation, RepoRef repo, Optional<String> sha, Optional<Instant> since);

    /** {@code GET /repos/{owner}/{repo}/issues?state=all&since=}, without the pull requests GitHub mixes in. */
    Stream<Page<Issue>> issues(InstallationId installation, RepoRef repo, Optional<Instant> since);

    /** {@code GET /repos/{owner}/{repo}/pulls?state=all&sort=updated&direction=desc}, conditional. */
    Stream<Page<PullRequest>> pullRequests(InstallationId installation, RepoRef repo);

    /** {@code GET /repos/{owner}/{repo}/compare/{base}...{head}}, for pushes whose payload was truncated. */
    Lookup<Comparison> compare(InstallationId installation, RepoRef repo, String base, String head);

    /** {@code GET /app/hook/deliveries} (App JWT), newest first. */
    Stream<Page<HookDelivery>> hookDeliveries();

    /** {@code POST /app/hook/deliveries/{id}/attempts} (App JWT): true if GitHub accepted, false if unknown. */
    boolean redeliver(long deliveryId);
}
