package dev.autosync.github;

import java.time.Instant;

/**
 * One search hit: an issue or pull request ({@code pullRequest}) that changed at {@code updatedAt}, in
 * {@code repository} (read from the hit's {@code repository_url}, which names the repository as it is
 * called now).
 *
 * @see <a href="https://docs.github.com/en/rest/search/search#search-issues-and-pull-requests">Search issues and pull requests</a>
 */
public record IssueActivity(RepoRef repository, int number, boolean pullRequest, Instant updatedAt) {
}
