package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.aws.Resources;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.EntityStore;
import dev.autosync.store.Keys;
import dev.autosync.store.Repository;
import dev.autosync.store.StoreQueries;
import dev.autosync.store.StoreUnavailableException;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.CrashAfterWrites;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A deleted repository or installation with more data than one invocation can delete is purged by purge tasks
 * in bounded steps that re-send themselves, surviving crashes and redeliveries, leaving nothing behind.
 */
@ExtendWith(AwsStandIns.class)
class PurgeTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
    private static final int CHUNK = 700;

    // Protects against a purge that must finish inside one invocation: a repository with more items than the
    // deletion purges in the caller goes on in tasks of CHUNK items, one step per run here, one run crashing.
    @Test
    void bigRepository_isHiddenAtOnce_thenPurgedInResumableChunks_despiteACrash(AwsFixture aws) {
        Resources resources = aws.provision();
        Queue queue = new Queue();
        SteppingClock clock = new SteppingClock();
        EntityStore entities = store(aws.dynamoDb(), resources, clock, queue);
        StoreQueries queries = new StoreQueries(aws.dynamoDb(), resources.tableName());
        // GIVEN a repository with 6,000 items (issues, commits) in its partition
        entities.upsertRepository(repository(7), T, T);
        seed(aws, resources.tableName(), 7, 6_000);

        // WHEN it is deleted
        entities.deleteRepository(7, T.plusSeconds(1));

        // THEN readers see it gone at once, the totals drop, and the rest of the purge is queued
        assertTrue(queries.repository(7).isEmpty());
        assertEquals(0, queries.stats().totalRepositories());
        assertEquals(List.of(SyncTask.Kind.PURGE_REPOSITORY), queue.kinds());
        assertTrue(partition(aws, resources, 7) > CHUNK, "more than one step left");

        // WHEN the first run crashes mid-step, and the message is delivered again (and once more, a duplicate)
        SyncTask first = queue.tasks.peekFirst();
        Purger crashing = new Purger(store(CrashAfterWrites.client(aws.dynamoDb(), 3), resources, clock, queue),
                queue, clock, CHUNK);
        assertThrows(StoreUnavailableException.class, () -> crashing.run(first, clock.oneStep()));
        queue.tasks.addLast(first);
        Purger purger = new Purger(entities, queue, clock, CHUNK);
        int runs = 0;
        while (!queue.tasks.isEmpty()) {
            purger.run(queue.tasks.pollFirst(), clock.oneStep());
            runs++;
        }

        // THEN it took several bounded steps and left only the tombstone; the totals stay exact
        assertTrue(runs >= 4, "runs: " + runs);
        assertEquals(List.of(SyncTask.Kind.PURGE_REPOSITORY), queue.sweeps.stream().map(SyncTask::kind).toList(),
                "one second pass, later");
        assertEquals(1, partition(aws, resources, 7), "only the tombstone is left");
        assertEquals(0, queries.stats().totalRepositories());
    }

    // Protects against an installation delete that walks every repository in one call.
    @Test
    void deletedInstallation_deletesItsRepositoriesInSteps(AwsFixture aws) {
        Resources resources = aws.provision();
        Queue queue = new Queue();
        SteppingClock clock = new SteppingClock();
        EntityStore entities = store(aws.dynamoDb(), resources, clock, queue);
        StoreQueries queries = new StoreQueries(aws.dynamoDb(), resources.tableName());
        for (long id = 1; id <= 150; id++) {
            entities.upsertRepository(repository(id), T, T);
        }
        seed(aws, resources.tableName(), 3, 2_500);

        entities.deleteInstallation(1, T.plusSeconds(1));
        assertTrue(queue.kinds().contains(SyncTask.Kind.PURGE_INSTALLATION), "more repositories than the deletion deletes");
        Purger purger = new Purger(entities, queue, clock, CHUNK);
        int runs = 0;
        while (!queue.tasks.isEmpty() && runs < 100) {
            purger.run(queue.tasks.pollFirst(), clock.oneStep());
            runs++;
        }

        assertTrue(queue.tasks.isEmpty(), "every purge ended");
        assertEquals(151, queue.sweeps.size(), "a second pass of the installation and of each repository");
        assertEquals(0, queries.stats().totalRepositories());
        for (long id = 1; id <= 150; id++) {
            assertTrue(queries.repository(id).isEmpty(), "repository " + id);
            assertEquals(1, partition(aws, resources, id), "repository " + id + " left items");
        }
    }

    // Protects against a write that checked its repository alive and landed after the deletion's purge had
    // passed: writers do not read the repository again after writing, the deletion's second pass sweeps it.
    @Test
    void writeLandingAfterThePurge_isSweptByTheSecondPass(AwsFixture aws) {
        Resources resources = aws.provision();
        Queue queue = new Queue();
        SteppingClock clock = new SteppingClock();
        EntityStore entities = store(aws.dynamoDb(), resources, clock, queue);
        StoreQueries queries = new StoreQueries(aws.dynamoDb(), resources.tableName());
        // GIVEN an event about an issue found its repository alive
        EntityStore.Parent parent = entities.upsertParent(repository(7), T, T);
        assertTrue(!parent.deleted());

        // WHEN the repository is deleted (and purged at once), and then the event's issue write lands
        Instant deletedAt = clock.instant();
        entities.deleteRepository(7, T.plusSeconds(1));
        entities.upsertIssue(parent, new dev.autosync.store.Issue(7, 7001, 1, "late", "body", "open", null, List.of(),
                List.of(), "octocat", 0, T, T.plusSeconds(2), null), T.plusSeconds(2));
        assertEquals(2, partition(aws, resources, 7), "the late issue sits beside the tombstone");

        // THEN a second pass is due after every writer that saw the repository alive has finished, and removes it
        assertTrue(queue.tasks.isEmpty(), "the first pass finished in the deletion");
        SyncTask sweep = queue.sweeps.pollFirst();
        assertEquals(SyncTask.Kind.PURGE_REPOSITORY, sweep.kind());
        assertTrue(!sweep.notBefore().isBefore(deletedAt.plus(EntityStore.SWEEP_DELAY)), "due " + sweep.notBefore());
        new Purger(entities, queue, clock, CHUNK).run(sweep, clock.oneStep());
        assertEquals(1, partition(aws, resources, 7), "only the tombstone is left");
        assertTrue(queries.repository(7).isEmpty());
    }

    // Protects against a second pass (or any purge task) that runs after the repository was added again, e.g.
    // transferred to another installation and imported there: it must not delete the repository's new data.
    @Test
    void repositoryAddedAgainBeforeTheSecondPass_keepsItsData(AwsFixture aws) {
        Resources resources = aws.provision();
        Queue queue = new Queue();
        SteppingClock clock = new SteppingClock();
        EntityStore entities = store(aws.dynamoDb(), resources, clock, queue);
        entities.upsertRepository(repository(7), T, T);
        entities.deleteRepository(7, T.plusSeconds(1));

        entities.reviveRepository(7, T.plusSeconds(2));
        EntityStore.Parent parent = entities.upsertParent(repository(7), T.plusSeconds(2), T.plusSeconds(2));
        entities.upsertIssue(parent, new dev.autosync.store.Issue(7, 7001, 1, "new life", "body", "open", null,
                List.of(), List.of(), "octocat", 0, T, T.plusSeconds(3), null), T.plusSeconds(3));
        new Purger(entities, queue, clock, CHUNK).run(queue.sweeps.pollFirst(), clock.oneStep());

        assertEquals(2, partition(aws, resources, 7), "the repository and its issue stay");
    }

    private static EntityStore store(DynamoDbClient dynamoDb, Resources resources, Clock clock, Queue queue) {
        return new EntityStore(dynamoDb, resources.tableName(), clock, purge -> queue.send(SyncTask.purge(purge)));
    }

    private static Repository repository(long id) {
        return new Repository(id, 1L, "r" + id, "acme/r" + id, "acme", "https://github.com/acme/r" + id, false, "main",
                "Java", null, false, false, T, T, T, null, true, true, 0, 0, 0, 0);
    }

    /** Issue and commit items written straight into the partition, 25 a request. */
    private static void seed(AwsFixture aws, String table, long repositoryId, int count) {
        List<WriteRequest> puts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String sk = i % 2 == 0 ? Keys.issue(repositoryId, i).sk() : "COMMIT#" + String.format("%040d", i);
            Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS(Keys.repositoryPartition(repositoryId)),
                    "sk", AttributeValue.fromS(sk), "title", AttributeValue.fromS("item " + i));
            puts.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            if (puts.size() == 25 || i == count) {
                List<WriteRequest> batch = List.copyOf(puts);
                aws.dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
                puts.clear();
            }
        }
    }

    private static int partition(AwsFixture aws, Resources resources, long repositoryId) {
        int count = 0;
        for (var page : aws.dynamoDb().queryPaginator(b -> b.tableName(resources.tableName()).consistentRead(true)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p",
                        AttributeValue.fromS(Keys.repositoryPartition(repositoryId)))))) {
            count += page.count();
        }
        return count;
    }

    /** Our own port, in memory: the tasks sent, in order. */
    private static final class Queue implements SyncTaskQueue {

        final Deque<SyncTask> tasks = new ArrayDeque<>();
        /** Second passes, due later (the sync engine holds a task back until its not_before). */
        final Deque<SyncTask> sweeps = new ArrayDeque<>();

        @Override
        public void send(SyncTask task, Duration delay) {
            (task.notBefore() == null ? tasks : sweeps).addLast(task);
        }

        List<SyncTask.Kind> kinds() {
            return tasks.stream().map(SyncTask::kind).toList();
        }
    }

    /** Moves a second on every read, so a deadline half a second ahead allows exactly one purge step. */
    private static final class SteppingClock extends Clock {

        private final AtomicLong seconds = new AtomicLong(T.getEpochSecond());

        Instant oneStep() {
            return Instant.ofEpochSecond(seconds.get()).plusMillis(500);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.getAndIncrement());
        }
    }
}
