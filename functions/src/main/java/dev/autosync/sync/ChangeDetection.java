package dev.autosync.sync;

import dev.autosync.common.Log;
import dev.autosync.github.GitHub;
import dev.autosync.github.GitHubRejectedException;
import dev.autosync.github.Installation;
import dev.autosync.github.IssueActivity;
import dev.autosync.github.SearchResults;
import dev.autosync.queue.SyncTask;
import dev.autosync.store.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which repositories of an installation moved past what the store holds, for the price of one search.
 *
 * <p>Commits: the listing's {@code pushed_at} against the one recorded when the default branch was last
 * synced. Issues and pull requests: one {@code GET /search/issues?q=org:<login> updated:>=<T>} per
 * installation, where T is the previous detection less {@link #OVERLAP} (search's index lags by minutes).
 * Search is charged to its own budget (30 requests a minute per token), not the core limit that listings
 * spend, and answers for every repository at once: an idle run over N repositories costs ⌈N/100⌉ listing
 * pages and one search, where GraphQL's {@code nodes(ids:)} asking each repository for its newest issue and
 * pull request would add about 2 points per 100 repositories, and per-repository REST polling N requests.
 * When search cannot answer completely (over 1,000 results, incomplete results, or a 422 for an account it
 * cannot search) every repository's issues and pull requests are re-read: slower, never wrong.
 */
final class ChangeDetection {

    static final Duration OVERLAP = Duration.ofMinutes(10);
    private static final Log LOG = Log.of(ChangeDetection.class);

    /** What moved per repository id, and when this detection started (the next one's watermark). */
    record Changes(Map<Long, Set<SyncTask.Part>> parts, Instant startedAt, boolean searched) {
        Set<SyncTask.Part> of(long repositoryId) {
            return parts.getOrDefault(repositoryId, Set.of());
        }
    }

    private final GitHub github;
    private final SyncState state;

    ChangeDetection(GitHub github, SyncState state) {
        this.github = github;
        this.state = state;
    }

    Changes detect(Installation installation, Iterable<Listed> listed, Map<Long, dev.autosync.store.Repository> stored,
                   Map<Long, SyncState.RepoState> states, Instant now, Duration interval) {
        Map<Long, Set<SyncTask.Part>> parts = new HashMap<>();
        Map<String, Long> byName = new HashMap<>();
        for (Listed repo : listed) {
            byName.put(repo.fullName().toLowerCase(Locale.ROOT), repo.id());
            SyncState.RepoState st = states.getOrDefault(repo.id(), null);
            if (st == null || st.isNew() || st.dirty() || !stored.containsKey(repo.id())) {
                parts.put(repo.id(), EnumSet.allOf(SyncTask.Part.class));
                continue;
            }
            boolean pushed = repo.pushedAt().isPresent()
                    && st.pushedAtSynced().map(synced -> repo.pushedAt().get().isAfter(synced)).orElse(true);
            boolean branchMoved = !java.util.Objects.equals(repo.defaultBranch(), stored.get(repo.id()).defaultBranch());
            if (pushed || branchMoved) {
                parts.computeIfAbsent(repo.id(), id -> EnumSet.noneOf(SyncTask.Part.class)).add(SyncTask.Part.COMMITS);
            }
        }
        Instant since = state.detectedAt(installation.id().value()).orElse(now.minus(interval.multipliedBy(2))).minus(OVERLAP);
        boolean searched = search(installation, since, byName, states, parts);
        if (!searched) {
            byName.values().forEach(id -> parts.computeIfAbsent(id, k -> EnumSet.noneOf(SyncTask.Part.class))
                    .addAll(EnumSet.of(SyncTask.Part.ISSUES, SyncTask.Part.PULLS)));
        }
        return new Changes(parts, now, searched);
    }

    /** @return false when search could not answer for the whole installation */
    private boolean search(Installation installation, Instant since, Map<String, Long> byName,
                           Map<Long, SyncState.RepoState> states, Map<Long, Set<SyncTask.Part>> parts) {
        String qualifier = "Organization".equalsIgnoreCase(installation.accountType()) ? "org:" : "user:";
        String query = qualifier + installation.accountLogin() + " updated:>=" + since.truncatedTo(ChronoUnit.SECONDS);
        SearchResults results;
        try {
            results = github.searchIssues(installation.id(), query);
        } catch (GitHubRejectedException e) {
            LOG.warn("search cannot answer for the installation; re-reading every repository's issues",
                    Map.of("installation_id", installation.id().value(), "status", e.status()));
            return false;
        }
        if (results.incomplete() || results.totalCount() > results.items().size()) {
            return false;
        }
        for (IssueActivity activity : results.items()) {
            Long id = byName.get(activity.repository().fullName().toLowerCase(Locale.ROOT));
            if (id == null) {
                continue; // a public repository of the account that is not in the installation
            }
            SyncState.RepoState st = states.get(id);
            Optional<Instant> cursor = st == null ? Optional.empty()
                    : activity.pullRequest() ? st.pullCursor() : st.issueCursor();
            // Strictly after: cursors end a second before the listing that set them was served (see
            // ActivitySync), so a change in that second still counts and an idle item is never re-read.
            if (cursor.isEmpty() || activity.updatedAt().isAfter(cursor.get())) {
                parts.computeIfAbsent(id, k -> EnumSet.noneOf(SyncTask.Part.class))
                        .add(activity.pullRequest() ? SyncTask.Part.PULLS : SyncTask.Part.ISSUES);
            }
        }
        return true;
    }
}
