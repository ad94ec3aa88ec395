package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Job accounting against dynalite: every count exact under duplicates, concurrency and crashes between
 * writes, and the final status written exactly once, never before the last registered task ends.
 */
@ExtendWith(AwsStandIns.class)
class JobProgressTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @Test
    void finishCalledTwice_countsOnce_andOnlyTheEndingCallGetsTheJob(AwsFixture aws) {
        Fixture f = new Fixture(aws);
        assertTrue(f.progress.create(job("j1"), List.of("repo:1", "repo:2")));
        assertFalse(f.progress.create(job("j1"), List.of("repo:3")), "idempotent by job id");

        assertTrue(f.progress.finish("j1", "repo:1", TaskResult.synced("acme/a", 5, 2, 1)).isEmpty());
        assertTrue(f.progress.finish("j1", "repo:1", TaskResult.synced("acme/a", 7, 0, 0)).isEmpty());
        assertTrue(f.progress.finished("j1", "repo:1"));
        assertFalse(f.progress.finished("j1", "repo:2"));
        SyncJob ended = f.progress.finish("j1", "repo:2", TaskResult.unchanged("acme/b")).orElseThrow();
        assertTrue(f.progress.finish("j1", "repo:2", TaskResult.unchanged("acme/b")).isEmpty(), "ended once");

        assertEquals(SyncJob.Status.COMPLETED, ended.status());
        assertEquals(T0, ended.completedAt());
        assertEquals(2, ended.repositoriesProcessed());
        assertEquals(0, ended.errorsCount());
        // The first result recorded is the one counted: a redelivery's different numbers do not leak in.
        assertEquals(5, ended.details().get("commits_synced").asInt());
        assertEquals(2, ended.details().get("tasks").get("done").asInt());
        assertEquals("push", ended.details().get("reason").asText(), "the original details are kept");
        assertEquals(2, ended.details().get("repositories").size());
    }

    @Test
    void concurrentFinishesOfOneTask_countOnce(AwsFixture aws) throws Exception {
        Fixture f = new Fixture(aws);
        f.progress.create(job("j2"), List.of("repo:1", "repo:2"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Optional<SyncJob>>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(pool.submit(() -> f.progress.finish("j2", "repo:1", TaskResult.synced("acme/a", 3, 0, 0))));
        }
        for (Future<Optional<SyncJob>> call : calls) {
            assertTrue(call.get().isEmpty());
        }
        pool.shutdown();

        SyncJob live = f.jobs.job("j2").orElseThrow();
        assertEquals(1, live.details().get("tasks").get("done").asInt());
        assertEquals(3, live.details().get("commits_synced").asInt());
        assertEquals(1, live.repositoriesProcessed());
        assertEquals(SyncJob.Status.PENDING, live.status());
    }

    @Test
    void twoHundredTasksFromEightThreads_completeOnce_withTrueCounts(AwsFixture aws) throws Exception {
        Fixture f = new Fixture(aws);
        f.progress.create(job("j3"), List.of("inst:7"));
        f.progress.start("j3");
        List<String> children = IntStream.range(0, 200).mapToObj(i -> "repo:" + i).toList();
        f.progress.register("j3", "inst:7", children);
        assertTrue(f.progress.finish("j3", "inst:7", TaskResult.done()).isEmpty());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger completions = new AtomicInteger();
        List<Future<?>> calls = new ArrayList<>();
        for (String child : children) {
            int n = Integer.parseInt(child.substring(5));
            TaskResult result = n % 50 == 0 ? TaskResult.failed("acme/r" + n, "boom " + n)
                    : TaskResult.synced("acme/r" + n, n, 1, 0);
            // Every task finished twice, as a redelivery would.
            for (int copy = 0; copy < 2; copy++) {
                calls.add(pool.submit(() -> f.progress.finish("j3", child, result)
                        .ifPresent(j -> completions.incrementAndGet())));
            }
        }
        for (Future<?> call : calls) {
            call.get();
        }
        pool.shutdown();

        assertEquals(1, completions.get());
        SyncJob ended = f.jobs.job("j3").orElseThrow();
        assertEquals(SyncJob.Status.COMPLETED_WITH_ERRORS, ended.status());
        assertEquals(196, ended.repositoriesProcessed());
        assertEquals(4, ended.errorsCount());
        int commits = IntStream.range(0, 200).filter(n -> n % 50 != 0).sum();
        assertEquals(commits, ended.details().get("commits_synced").asInt());
        assertEquals(196, ended.details().get("issues_synced").asInt());
        assertEquals(201, ended.details().get("tasks").get("expected").asInt());
        assertEquals(201, ended.details().get("tasks").get("done").asInt());
        assertTrue(ended.errorMessage().startsWith("4 of 201 tasks failed: acme/r"), ended.errorMessage());
        assertEquals(T0, ended.startedAt());
    }

    @Test
    void fanOutRegisteredBeforeItsParentFinishes_neverCompletesEarly(AwsFixture aws) {
        Fixture f = new Fixture(aws);
        f.progress.create(job("j4"), List.of("run"));
        f.progress.register("j4", "run", List.of("inst:1", "inst:2"));
        // The children finish before their parent: done (2) < expected (3).
        assertTrue(f.progress.finish("j4", "inst:1", TaskResult.done()).isEmpty());
        f.progress.register("j4", "inst:2", List.of("repo:9"));
        assertTrue(f.progress.finish("j4", "inst:2", TaskResult.done()).isEmpty());
        assertTrue(f.progress.finish("j4", "run", TaskResult.done()).isEmpty(), "repo:9 is still running");
        assertEquals(SyncJob.Status.PENDING, f.jobs.job("j4").orElseThrow().status());

        SyncJob ended = f.progress.finish("j4", "repo:9", TaskResult.gone("acme/x")).orElseThrow();
        assertEquals(SyncJob.Status.COMPLETED, ended.status());
        assertEquals(1, ended.repositoriesProcessed());
        assertEquals(4, ended.details().get("tasks").get("done").asInt());
    }

    @Test
    void retriedRegister_addsNothing_newKeysAddOneEach(AwsFixture aws) {
        Fixture f = new Fixture(aws);
        f.progress.create(job("j5"), List.of("inst:1"));
        f.progress.register("j5", "inst:1", List.of("repo:1", "repo:2"));
        f.progress.register("j5", "inst:1", List.of("repo:1", "repo:2", "repo:2"));
        assertEquals(3, expected(f, "j5"));
        f.progress.register("j5", "inst:1", List.of("repo:2", "repo:3"));
        assertEquals(4, expected(f, "j5"));
        assertEquals(List.of("repo:1", "repo:2", "repo:3"), sorted(f.progress.unfinishedChildren("j5", "inst:1")));

        f.progress.finish("j5", "repo:2", TaskResult.unchanged("acme/b"));
        assertEquals(List.of("repo:1", "repo:3"), sorted(f.progress.unfinishedChildren("j5", "inst:1")));
        assertThrows(IllegalArgumentException.class, () -> f.progress.register("j5", "inst:404", List.of("repo:4")));
    }

    @Test
    void everyTaskFailed_isFailed_someFailed_isCompletedWithErrors(AwsFixture aws) {
        Fixture f = new Fixture(aws);
        f.progress.create(job("j6"), List.of("repo:1", "repo:2"));
        f.progress.finish("j6", "repo:1", TaskResult.failed("acme/a", "HTTP 500"));
        SyncJob failed = f.progress.finish("j6", "repo:2", TaskResult.failed("acme/b", "HTTP 502")).orElseThrow();
        assertEquals(SyncJob.Status.FAILED, failed.status());
        assertEquals(2, failed.errorsCount());
        assertEquals(0, failed.repositoriesProcessed());
        assertTrue(failed.errorMessage().contains("acme/a (HTTP 500)"), failed.errorMessage());

        f.progress.create(job("j7"), List.of("repo:1", "repo:2"));
        f.progress.finish("j7", "repo:1", TaskResult.skipped("acme/a"));
        SyncJob mixed = f.progress.finish("j7", "repo:2", TaskResult.failed("acme/b", "x")).orElseThrow();
        assertEquals(SyncJob.Status.COMPLETED_WITH_ERRORS, mixed.status());
        assertEquals(0, mixed.repositoriesProcessed(), "a skipped repository is not processed");
    }

    @Test
    void detailsListAtMostAHundredRepositories_failuresFirst(AwsFixture aws) {
        Fixture f = new Fixture(aws);
        f.progress.create(job("j8"), List.of("inst:1"));
        List<String> children = IntStream.range(0, 150).mapToObj(i -> "repo:" + i).toList();
        f.progress.register("j8", "inst:1", children);
        f.progress.finish("j8", "inst:1", TaskResult.done());
        for (int i = 0; i < 150; i++) {
            f.progress.finish("j8", "repo:" + i, i == 149 ? TaskResult.failed("acme/r149", "gone wrong")
                    : TaskResult.synced("acme/r" + i, 1, 0, 0));
        }
        JsonNode details = f.jobs.job("j8").orElseThrow().details();
        assertEquals(100, details.get("repositories").size());
        assertEquals("acme/r149", details.get("repositories").get(0).get("repository").asText());
        assertEquals(150, details.get("repositories_total").asInt());
        assertTrue(details.get("repositories_truncated").asBoolean());
    }

    @Test
    void longBranchNames_areBoundedInKeys(AwsFixture aws) {
        Fixture f = new Fixture(aws);
        String branch = "feature/" + "ü".repeat(120);
        String task = "repo:5:" + branch;
        assertTrue(Keys.taskId(task).length() < 70);
        f.progress.create(job("j9"), List.of("repo:5"));
        f.progress.register("j9", "repo:5", List.of(task, "repo:5:main"));
        assertEquals(sorted(List.of("repo:5:main", task)), sorted(f.progress.unfinishedChildren("j9", "repo:5")));
        f.progress.finish("j9", task, TaskResult.synced("acme/e", 1, 0, 0));
        assertTrue(f.progress.finished("j9", task));
        assertEquals(List.of("repo:5:main"), f.progress.unfinishedChildren("j9", "repo:5"));
    }

    @Test
    void waits_areCountedOncePerResetTime_withTheLatest(AwsFixture aws) {
        Fixture f = new Fixture(aws);
        f.progress.create(job("j10"), List.of("inst:1"));
        f.progress.waited("j10", "inst:1", T0.plusSeconds(3600));
        f.progress.waited("j10", "inst:1", T0.plusSeconds(3600));
        f.progress.waited("j10", "inst:1", T0.plusSeconds(7200));
        JsonNode details = f.jobs.job("j10").orElseThrow().details();
        assertEquals(2, details.get("waits").asInt());
        assertEquals(T0.plusSeconds(7200).toString(), details.get("last_wait_until").asText());
    }

    @Test
    void start_movesPendingToRunningOnce(AwsFixture aws) {
        Fixture f = new Fixture(aws);
        f.progress.create(job("j11"), List.of("run"));
        f.progress.start("j11");
        new JobProgress(aws.dynamoDb(), f.table, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC)).start("j11");
        SyncJob running = f.jobs.job("j11").orElseThrow();
        assertEquals(SyncJob.Status.RUNNING, running.status());
        assertEquals(T0, running.startedAt());
        f.progress.start("missing");
        assertTrue(f.jobs.job("missing").isEmpty(), "no phantom job");
    }

    private static long expected(Fixture f, String jobId) {
        return f.jobs.job(jobId).orElseThrow().details().get("tasks").get("expected").asLong();
    }

    private static List<String> sorted(List<String> keys) {
        return keys.stream().sorted().toList();
    }

    static SyncJob job(String id) {
        return SyncJob.pending(id, SyncJob.Type.AUTO_IMPORT, 7L, null,
                Json.mapper().createObjectNode().put("reason", "push"), T0);
    }

    static final class Fixture {
        final String table;
        final JobProgress progress;
        final JobStore jobs;

        Fixture(AwsFixture aws) {
            this.table = aws.provision().tableName();
            this.progress = new JobProgress(aws.dynamoDb(), table, CLOCK);
            this.jobs = new JobStore(aws.dynamoDb(), table);
        }
    }
}
