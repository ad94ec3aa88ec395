package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.aws.Resources;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The read paths the api serves: filters, order and pagination, each a Query (never a Scan). */
@ExtendWith(AwsStandIns.class)
class StoreQueriesTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void commits_newestFirst_filteredByBranchAuthorAndDates_paginated(AwsFixture aws) {
        Resources resources = aws.provision();
        CommitStore commits = new CommitStore(aws.dynamoDb(), resources.tableName(), Clock.systemUTC());
        StoreQueries queries = new StoreQueries(aws.dynamoDb(), resources.tableName());
        commits.recordPush(repository(5), T, T, List.of(commit("a1", "alice", 1, "main"), commit("b1", "bob", 2, "main"),
                commit("a2", "alice", 3, "main")), "op-1");
        commits.recordPush(repository(5), T.plusSeconds(10), T.plusSeconds(10), List.of(commit("a3", "Alice", 4, "dev")),
                "op-2");

        assertEquals(List.of("a3", "a2", "b1", "a1"), shas(queries.commits(5, CommitFilter.none(), PageRequest.first(10))));
        assertEquals(List.of("a3"), shas(queries.commits(5, new CommitFilter(Optional.of("dev"), Optional.empty(),
                Optional.empty(), Optional.empty()), PageRequest.first(10))));
        assertEquals(List.of("a3", "a2", "a1"), shas(queries.commits(5, new CommitFilter(Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("ALICE")), PageRequest.first(10))));
        assertEquals(List.of("a2", "b1"), shas(queries.commits(5, new CommitFilter(Optional.empty(),
                Optional.of(T.plusSeconds(2)), Optional.of(T.plusSeconds(3)), Optional.empty()), PageRequest.first(10))));

        Page<Commit> first = queries.commits(5, CommitFilter.none(), PageRequest.first(3));
        assertEquals(List.of("a3", "a2", "b1"), shas(first));
        Page<Commit> last = queries.commits(5, CommitFilter.none(), new PageRequest(3, first.next()));
        assertEquals(List.of("a1"), shas(last));
        assertTrue(last.next().isEmpty(), "the last page says so");

        Repository stored = queries.repository(5).orElseThrow();
        assertEquals(4, stored.commitCount());
        assertEquals(2, stored.contributorCount(), "alice and Alice are one login");
        Contributor alice = queries.contributors(5, PageRequest.first(10)).items().get(0);
        assertEquals(3, alice.commitCount());
        assertEquals(T.plusSeconds(1), alice.firstCommitAt());
        assertEquals(T.plusSeconds(4), alice.lastCommitAt());
    }

    @Test
    void issuesAndPulls_byState(AwsFixture aws) {
        Resources resources = aws.provision();
        EntityStore entities = new EntityStore(aws.dynamoDb(), resources.tableName(), Clock.systemUTC());
        StoreQueries queries = new StoreQueries(aws.dynamoDb(), resources.tableName());
        entities.upsertRepository(repository(6), T, T);
        entities.upsertIssue(issue(6, 1, "open"), T);
        entities.upsertIssue(issue(6, 2, "closed"), T);
        entities.upsertIssue(issue(6, 3, "open"), T);
        entities.upsertPull(pull(6, 4, "open", false), T);
        entities.upsertPull(pull(6, 5, "closed", true), T);
        entities.upsertPull(pull(6, 6, "closed", false), T);

        assertEquals(List.of(3L, 1L), numbers(queries.issues(6, IssueState.OPEN, PageRequest.first(10)).items()));
        assertEquals(List.of(2L), numbers(queries.issues(6, IssueState.CLOSED, PageRequest.first(10)).items()));
        assertEquals(List.of(3L, 2L, 1L), numbers(queries.issues(6, IssueState.ALL, PageRequest.first(10)).items()));
        assertEquals(List.of(4L), pullNumbers(queries.pulls(6, PullState.OPEN, PageRequest.first(10))));
        assertEquals(List.of(6L, 5L), pullNumbers(queries.pulls(6, PullState.CLOSED, PageRequest.first(10))));
        assertEquals(List.of(5L), pullNumbers(queries.pulls(6, PullState.MERGED, PageRequest.first(10))));
        assertEquals(2, queries.repository(6).orElseThrow().openIssuesCount());
        assertEquals(1, queries.repository(6).orElseThrow().openPullCount());
    }

    @Test
    void repositoriesAndInstallations_paginated_perInstallationOrAll(AwsFixture aws) {
        Resources resources = aws.provision();
        EntityStore entities = new EntityStore(aws.dynamoDb(), resources.tableName(), Clock.systemUTC());
        StoreQueries queries = new StoreQueries(aws.dynamoDb(), resources.tableName());
        entities.upsertInstallation(new Installation(1, "acme", "Organization", "all", null, null, T, T), T, T);
        entities.upsertInstallation(new Installation(2, "other", "User", "selected", null, null, T, T), T, T);
        for (long id = 10; id < 15; id++) {
            entities.upsertRepository(repository(id), T, T);
        }
        entities.upsertRepository(new Repository(99, 2L, "x", "other/x", "other", null, true, null, null, null,
                false, false, T, T, T, null, true, true, 0, 0, 0, 0), T, T);

        List<Long> all = new ArrayList<>();
        Page<Repository> page = queries.repositories(Optional.empty(), PageRequest.first(4));
        all.addAll(page.items().stream().map(Repository::githubId).toList());
        page = queries.repositories(Optional.empty(), new PageRequest(4, page.next()));
        all.addAll(page.items().stream().map(Repository::githubId).toList());
        assertEquals(List.of(10L, 11L, 12L, 13L, 14L, 99L), all);
        assertTrue(page.next().isEmpty());
        assertEquals(List.of(99L), queries.repositories(Optional.of(2L), PageRequest.first(10)).items().stream()
                .map(Repository::githubId).toList());
        assertEquals(List.of("acme", "other"), queries.installations(PageRequest.first(10)).items().stream()
                .map(Installation::accountLogin).toList());
        assertEquals(new GlobalStats(2, 6), queries.stats());
    }

    @Test
    void jobs_newestFirst_filtered_withinAWindow_andTheLatestOfAType(AwsFixture aws) {
        Resources resources = aws.provision();
        JobStore jobs = new JobStore(aws.dynamoDb(), resources.tableName());
        jobs.create(SyncJob.pending("j1", SyncJob.Type.PERIODIC_SYNC, null, null, null, T.minusSeconds(86_400 * 9)));
        jobs.create(SyncJob.pending("j2", SyncJob.Type.AUTO_IMPORT, 1L, null, null, T.plusSeconds(1)));
        jobs.create(SyncJob.pending("j3", SyncJob.Type.PERIODIC_SYNC, null, null, null, T.plusSeconds(2)));
        jobs.create(SyncJob.pending("j4", SyncJob.Type.MANUAL_SYNC, 2L, 7L, null, T.plusSeconds(3)));
        jobs.finished("j3", SyncJob.Status.COMPLETED, 4, 0, null, T.plusSeconds(60));
        assertTrue(!jobs.create(SyncJob.pending("j2", SyncJob.Type.AUTO_IMPORT, 1L, null, null, T)), "ids are unique");

        assertEquals(List.of("j4", "j3", "j2", "j1"), ids(jobs.jobs(JobFilter.none(), PageRequest.first(10))));
        JobFilter week = new JobFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(T.minusSeconds(86_400 * 7)));
        assertEquals(List.of("j4", "j3", "j2"), ids(jobs.jobs(week, PageRequest.first(10))));
        assertEquals(List.of("j3"), ids(jobs.jobs(new JobFilter(Optional.empty(), Optional.of(SyncJob.Status.COMPLETED),
                Optional.empty(), Optional.empty()), PageRequest.first(10))));
        assertEquals(List.of("j4"), ids(jobs.jobs(new JobFilter(Optional.empty(), Optional.empty(), Optional.of(2L),
                Optional.empty()), PageRequest.first(10))));
        Page<SyncJob> first = jobs.jobs(new JobFilter(Optional.empty(), Optional.of(SyncJob.Status.PENDING),
                Optional.empty(), Optional.empty()), PageRequest.first(2));
        assertEquals(List.of("j4", "j2"), ids(first));
        assertEquals(List.of("j1"), ids(jobs.jobs(new JobFilter(Optional.empty(), Optional.of(SyncJob.Status.PENDING),
                Optional.empty(), Optional.empty()), new PageRequest(2, first.next()))));
        SyncJob lastPeriodic = jobs.latest(SyncJob.Type.PERIODIC_SYNC).orElseThrow();
        assertEquals("j3", lastPeriodic.jobId());
        assertEquals(4, lastPeriodic.repositoriesProcessed());
    }

    static Repository repository(long id) {
        return new Repository(id, 1L, "r" + id, "acme/r" + id, "acme", "https://github.com/acme/r" + id, false, "main",
                "Java", null, false, false, T, T, T, null, true, true, 0, 0, 0, 0);
    }

    private static Commit commit(String sha, String login, int second, String branch) {
        return new Commit(5, sha, "m", Contributor.keyFor(login, null, null), login, login, login + "@x.org", login,
                login, T.plusSeconds(second), null, Set.of(branch), List.of(), List.of(), List.of());
    }

    private static Issue issue(long repositoryId, long number, String state) {
        return new Issue(repositoryId, number * 10, number, "t", "b", state, null, List.of(), List.of(), null, 0, T, T,
                "open".equals(state) ? null : T);
    }

    private static PullRequest pull(long repositoryId, long number, String state, boolean merged) {
        return new PullRequest(repositoryId, number * 10, number, "t", "b", state, false, merged, merged ? T : null,
                "u", "h", "main", T, T, "open".equals(state) ? null : T);
    }

    private static List<String> shas(Page<Commit> page) {
        return page.items().stream().map(Commit::sha).toList();
    }

    private static List<Long> numbers(List<Issue> issues) {
        return issues.stream().map(Issue::number).toList();
    }

    private static List<Long> pullNumbers(Page<PullRequest> page) {
        return page.items().stream().map(PullRequest::number).toList();
    }

    private static List<String> ids(Page<SyncJob> page) {
        return page.items().stream().map(SyncJob::jobId).toList();
    }
}
