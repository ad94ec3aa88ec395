package dev.autosync.github;

import java.util.List;

/**
 * What {@code GET /search/issues} found, newest update first. GitHub serves at most 1,000 results
 * (10 pages of 100), so {@code totalCount > items.size()} means some matches were not listed; and
 * {@code incomplete} is GitHub's {@code incomplete_results}: the search timed out and may have missed
 * matches. Either way the caller cannot trust the list to be every change.
 *
 * @see <a href="https://docs.github.com/en/rest/search/search#search-issues-and-pull-requests">Search issues and pull requests</a>
 * @see <a href="https://docs.github.com/en/rest/search/search#timeouts-and-incomplete-results">Timeouts and incomplete results</a>
 */
public record SearchResults(int totalCount, boolean incomplete, List<IssueActivity> items) {

    public SearchResults {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
