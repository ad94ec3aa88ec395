package dev.autosync.api;

import dev.autosync.common.Json;
import dev.autosync.store.Commit;
import dev.autosync.store.CommitStore;
import dev.autosync.store.Contributor;
import dev.autosync.store.EntityStore;
import dev.autosync.store.Installation;
import dev.autosync.store.Issue;
import dev.autosync.store.JobStore;
import dev.autosync.store.PullRequest;
import dev.autosync.store.Repository;
import dev.autosync.store.SyncJob;
import dev.autosync.store.SyncMarks;
import dev.autosync.testing.AwsFixture;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Writes test data through the store's own writers, so the api reads exactly what the processor writes. */
final class ApiSeed {

    private static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    private final EntityStore entities;
    private final CommitStore commits;
    private final JobStore jobs;
    private final SyncMarks syncMarks;
    private final AtomicInteger ops = new AtomicInteger();

    ApiSeed(AwsFixture aws, String tableName, Clock clock) {
        this.entities = new EntityStore(aws.dynamoDb(), tableName, clock);
        this.commits = new CommitStore(aws.dynamoDb(), tableName, clock);
        this.jobs = new JobStore(aws.dynamoDb(), tableName);
        this.syncMarks = new SyncMarks(aws.dynamoDb(), tableName);
    }

    void installation(long id, String login, String type) {
        entities.upsertInstallation(new Installation(id, login, type, "all", null, null, EPOCH, EPOCH), EPOCH, EPOCH);
    }

    Repository repository(long id, long installationId, String fullName) {
        String[] parts = fullName.split("/");
        Repository repository = new Repository(id, installationId, parts[1], fullName, parts[0],
                "https://github.com/" + fullName, false, "main", "Java", "the " + parts[1] + " repository", false, false,
                EPOCH, EPOCH, EPOCH, null, true, true, 0, 0, 0, 0);
        entities.upsertRepository(repository, EPOCH, EPOCH);
        return repository;
    }

    /** The repository renamed on GitHub at {@code at}: a newer version of it, under {@code fullName}. */
    void renamed(Repository repository, String fullName, Instant at) {
        String[] parts = fullName.split("/");
        entities.upsertRepository(new Repository(repository.githubId(), repository.installationId(), parts[1], fullName,
                parts[0], "https://github.com/" + fullName, false, "main", "Java", repository.description(), false, false,
                EPOCH, at, EPOCH, null, true, true, 0, 0, 0, 0), at, at);
    }

    void synced(long repositoryId, Instant at) {
        syncMarks.markSynced(repositoryId, at);
    }

    /** One push of one commit; {@code login} null makes an author GitHub could not match (e-mail only). */
    void commit(Repository repository, String sha, String login, String name, String email, Instant at, String branch) {
        Commit commit = new Commit(repository.githubId(), sha, "change " + sha, Contributor.keyFor(login, email, name), login,
                name, email, login, name, at, repository.htmlUrl() + "/commit/" + sha, Set.of(branch), List.of(),
                List.of(), List.of("README.md"));
        commits.recordPush(repository, EPOCH, EPOCH, List.of(commit), "seed-" + ops.incrementAndGet());
    }

    void issue(long repositoryId, long number, Instant created, Instant closed) {
        entities.upsertIssue(new Issue(repositoryId, repositoryId * 1000 + number, number, "issue " + number, "body",
                closed == null ? "open" : "closed", closed == null ? null : "completed", List.of("bug"), List.of(), "alice",
                0, created, closed == null ? created : closed, closed), EPOCH);
    }

    /** Reopens an issue, as GitHub reports it at {@code at} (its closing time is gone). */
    void reopen(long repositoryId, long number, Instant created, Instant at) {
        entities.upsertIssue(new Issue(repositoryId, repositoryId * 1000 + number, number, "issue " + number, "body",
                "open", null, List.of("bug"), List.of(), "alice", 0, created, at, null), at);
    }

    void pull(long repositoryId, long number, Instant created, Instant merged) {
        entities.upsertPull(new PullRequest(repositoryId, repositoryId * 1000 + 500 + number, number, "pull " + number, "body",
                merged == null ? "open" : "closed", false, merged != null, merged, "bob", "feature-" + number, "main",
                created, merged == null ? created : merged, merged), EPOCH);
    }

    void job(String id, SyncJob.Type type, SyncJob.Status status, Long installationId, Instant created) {
        boolean finished = status != SyncJob.Status.PENDING && status != SyncJob.Status.RUNNING;
        jobs.create(new SyncJob(id, type, status, installationId, null, finished ? 3 : 0,
                status == SyncJob.Status.FAILED ? 1 : 0, Json.mapper().createObjectNode().put("requested_by", "test"),
                status == SyncJob.Status.FAILED ? "GitHub returned 502" : null, created,
                finished ? created : null, finished ? created.plusSeconds(42) : null));
    }
}
