package dev.autosync.store;

import dev.autosync.testing.CrashAfterWrites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Batched registration under crashes and competition: a register that dies after any number of writes
 * (claims, its registration, the job op, the advances), then a retry with the same, a larger or an
 * overlapping child set, counts every child exactly once and never lets the job end early.
 */
@ExtendWith(AwsStandIns.class)
class JobProgressRegistrationCrashTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final List<String> FIRST = List.of("a", "b", "c").stream().map(k -> "repo:" + k).toList();
    private static final List<String> SECOND = List.of("b", "c", "d", "e").stream().map(k -> "repo:" + k).toList();
    private static final List<String> ALL = List.of("a", "b", "c", "d", "e").stream().map(k -> "repo:" + k).toList();

    @Test
    void crashAfterEveryWrite_thenRetriesWithOtherSets_countExactly(AwsFixture aws) {
        int scenarios = 0;
        for (int variant = 0; variant < 3; variant++) {
            for (int writes = 0; ; writes++) {
                scenarios++;
                if (!runWithCrash(aws, variant, writes)) {
                    break;
                }
            }
        }
        assertTrue(scenarios > 15, "every write was a crash point: " + scenarios);
    }

    /**
     * Variant 0: the same register retried, then an overlapping one. 1: an early finish of a child, then an
     * overlapping register, then a larger one. 2: the crash is in the overlapping register (the first one
     * completed), retried with the full set.
     *
     * @return whether the crash happened
     */
    private static boolean runWithCrash(AwsFixture aws, int variant, int writes) {
        String table = aws.provision().tableName();
        JobProgress progress = new JobProgress(aws.dynamoDb(), table, CLOCK);
        JobProgress dying = new JobProgress(CrashAfterWrites.client(aws.dynamoDb(), writes), table, CLOCK);
        String where = "variant " + variant + ", crash after " + writes + " writes";
        AtomicInteger endings = new AtomicInteger();
        progress.create(JobProgressTest.job("job"), List.of("run"));
        boolean crashed = false;
        try {
            if (variant == 2) {
                progress.register("job", "run", FIRST);
                dying.register("job", "run", SECOND);
            } else {
                dying.register("job", "run", FIRST);
            }
        } catch (StoreUnavailableException e) {
            crashed = true;
        }
        switch (variant) {
            case 0 -> {
                progress.register("job", "run", FIRST);
                progress.register("job", "run", SECOND);
            }
            case 1 -> {
                // b's registration may have died half way: finishing it counts it first, and ends nothing.
                progress.finish("job", "repo:b", TaskResult.synced("acme/b", 1, 0, 0)).ifPresent(j -> endings.incrementAndGet());
                progress.register("job", "run", SECOND);
                progress.register("job", "run", ALL);
            }
            default -> progress.register("job", "run", ALL);
        }
        assertEquals(6, expected(aws, table), where);
        for (String child : ALL) {
            for (int copy = 0; copy < 2; copy++) {
                progress.finish("job", child, TaskResult.synced("acme/" + child.substring(5), 1, 0, 0))
                        .ifPresent(j -> endings.incrementAndGet());
            }
        }
        assertEquals(0, endings.get(), where + ": the parent has not finished");
        assertNotEquals(SyncJob.Status.COMPLETED, new JobStore(aws.dynamoDb(), table).job("job").orElseThrow().status(), where);
        progress.finish("job", "run", TaskResult.done()).ifPresent(j -> endings.incrementAndGet());

        SyncJob job = new JobStore(aws.dynamoDb(), table).job("job").orElseThrow();
        assertEquals(1, endings.get(), where);
        assertEquals(SyncJob.Status.COMPLETED, job.status(), where);
        assertEquals(6, job.details().get("tasks").get("expected").asInt(), where);
        assertEquals(6, job.details().get("tasks").get("done").asInt(), where);
        assertEquals(5, job.repositoriesProcessed(), where);
        assertEquals(5, job.details().get("commits_synced").asInt(), where);
        Map<String, AttributeValue> item = new Table(aws.dynamoDb(), table).get(Keys.job("job")).orElseThrow();
        assertFalse(item.containsKey(Attr.PENDING_OP), where + ": no bookkeeping left on the job");
        for (Map<String, AttributeValue> registration : partition(aws, table, Keys.REGISTRATION_PREFIX)) {
            assertNotEquals(JobOps.READY, Av.str(registration, Attr.STATUS), where + ": no registration left unapplied");
        }
        return crashed;
    }

    @Test
    void competingRegistersOfOverlappingSets_countTheUnionOnce(AwsFixture aws) throws Exception {
        String table = aws.provision().tableName();
        JobProgress progress = new JobProgress(aws.dynamoDb(), table, CLOCK);
        progress.create(JobProgressTest.job("job"), List.of("run"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> calls = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int from = t * 20;
            List<String> children = IntStream.range(from, from + 60).mapToObj(i -> "repo:" + i).toList();
            calls.add(pool.submit(() -> progress.register("job", "run", children)));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        pool.shutdown();
        assertEquals(1 + 200, expected(aws, table)); // repo:0 … repo:199
        for (Map<String, AttributeValue> task : partition(aws, table, Keys.TASK_PREFIX)) {
            assertEquals(JobOps.OPEN, Av.str(task, Attr.STATUS), Av.str(task, Attr.TASK_KEY));
        }
    }

    @Test
    void largeRegister_usesOneJobOp(AwsFixture aws) {
        String table = aws.provision().tableName();
        JobProgress progress = new JobProgress(aws.dynamoDb(), table, CLOCK);
        progress.create(JobProgressTest.job("job"), List.of("run"));
        progress.register("job", "run", IntStream.range(0, 1000).mapToObj(i -> "repo:" + i).toList());
        Map<String, AttributeValue> job = new Table(aws.dynamoDb(), table).get(Keys.job("job")).orElseThrow();
        assertEquals(1, Av.num(job, Attr.JOB_OPS));
        assertEquals(1001, Av.num(job, Attr.TASKS_EXPECTED));
        assertTrue(progress.finish("job", "run", TaskResult.done()).isEmpty());
    }

    /**
     * Every item a job writes expires with the job: the job, its root and child tasks, its registrations
     * (applied, and the void one a retry leaves for a crashed register's claims). Task and registration items
     * once had no TTL and stayed forever. dynalite does not expire items, so the attribute is what is checked.
     */
    @Test
    void everyItemOfAJob_expiresWithTheJob(AwsFixture aws) {
        String table = aws.provision().tableName();
        JobProgress progress = new JobProgress(aws.dynamoDb(), table, CLOCK);
        // A later clock for the writers: an expiry taken from "now" instead of the job would differ.
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofDays(3));
        JobProgress laterProgress = new JobProgress(aws.dynamoDb(), table, later);
        JobProgress dying = new JobProgress(CrashAfterWrites.client(aws.dynamoDb(), FIRST.size()), table, later);
        progress.create(JobProgressTest.job("job"), List.of("run"));
        try {
            dying.register("job", "run", FIRST); // claims a, b, c, then dies before writing its registration
        } catch (StoreUnavailableException expected) {
            // the claims stay, tagged with a registration that was never written
        }
        laterProgress.register("job", "run", ALL); // voids the dead one, claims again, applies
        laterProgress.register("job", "repo:a", List.of("repo:a/x"));
        laterProgress.finish("job", "repo:a/x", TaskResult.synced("acme/a", 1, 0, 0));

        long expires = CLOCK.instant().plus(JobTotals.RETENTION).getEpochSecond();
        Map<String, AttributeValue> job = new Table(aws.dynamoDb(), table).get(Keys.job("job")).orElseThrow();
        assertEquals(expires, Av.num(job, Attr.EXPIRES_AT), "the job");
        List<Map<String, AttributeValue>> tasks = partition(aws, table, Keys.TASK_PREFIX);
        List<Map<String, AttributeValue>> registrations = partition(aws, table, Keys.REGISTRATION_PREFIX);
        assertEquals(1 + ALL.size() + 1, tasks.size());
        assertTrue(registrations.stream().anyMatch(r -> JobOps.VOID.equals(Av.str(r, Attr.STATUS))), "a void one");
        assertTrue(registrations.stream().anyMatch(r -> JobOps.APPLIED.equals(Av.str(r, Attr.STATUS))), "an applied one");
        for (Map<String, AttributeValue> item : concat(tasks, registrations)) {
            assertEquals(expires, Av.num(item, Attr.EXPIRES_AT), Av.str(item, TableSchema.SK));
        }
    }

    private static List<Map<String, AttributeValue>> concat(List<Map<String, AttributeValue>> a,
                                                          List<Map<String, AttributeValue>> b) {
        List<Map<String, AttributeValue>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static long expected(AwsFixture aws, String table) {
        return new JobStore(aws.dynamoDb(), table).job("job").orElseThrow().details().get("tasks").get("expected").asLong();
    }

    private static List<Map<String, AttributeValue>> partition(AwsFixture aws, String table, String prefix) {
        Expression e = Expression.create();
        String condition = e.name(TableSchema.PK) + " = " + e.value(Av.s(Keys.job("job").pk()))
                + " AND begins_with(" + e.name(TableSchema.SK) + ", " + e.value(Av.s(prefix)) + ")";
        return new Table(aws.dynamoDb(), table).queryAll(e.applyQuery(QueryRequest.builder()
                .keyConditionExpression(condition).consistentRead(true)));
    }
}
