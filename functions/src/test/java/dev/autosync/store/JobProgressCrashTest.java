package dev.autosync.store;

import dev.autosync.testing.CrashAfterWrites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A crash between any two writes of any step, then a retry of that step, leaves exact counts: each step of a
 * small job (create, a fan-out, three finishes) is run with a client that dies after 0, 1, 2, … writes.
 */
@ExtendWith(AwsStandIns.class)
class JobProgressCrashTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private static final List<Function<JobProgress, Optional<SyncJob>>> STEPS = List.of(
            p -> {
                p.create(JobProgressTest.job("job"), List.of("run"));
                return Optional.empty();
            },
            p -> {
                p.register("job", "run", List.of("inst:1", "inst:2"));
                return Optional.empty();
            },
            p -> p.finish("job", "inst:1", TaskResult.synced("acme/a", 5, 1, 2)),
            p -> {
                p.waited("job", "inst:2", Instant.parse("2026-03-01T11:00:00Z"));
                return Optional.empty();
            },
            p -> p.finish("job", "inst:2", TaskResult.failed("acme/b", "HTTP 500")),
            p -> p.finish("job", "run", TaskResult.done()));

    @Test
    void crashBetweenAnyTwoWrites_thenRetry_countsExactly(AwsFixture aws) {
        int scenarios = 0;
        for (int step = 0; step < STEPS.size(); step++) {
            for (int writes = 0; ; writes++) {
                boolean crashed = runWithCrash(aws, step, writes);
                scenarios++;
                if (!crashed) {
                    break;
                }
            }
        }
        assertTrue(scenarios > 20, "every write of every step was a crash point: " + scenarios);
    }

    /** @return whether the crash happened (false once {@code writes} exceeds what the step writes) */
    private static boolean runWithCrash(AwsFixture aws, int crashStep, int writes) {
        String table = aws.provision().tableName();
        JobProgress progress = new JobProgress(aws.dynamoDb(), table, CLOCK);
        AtomicInteger endings = new AtomicInteger();
        boolean crashed = false;
        for (int step = 0; step < STEPS.size(); step++) {
            if (step == crashStep) {
                DynamoDbClient dying = CrashAfterWrites.client(aws.dynamoDb(), writes);
                try {
                    STEPS.get(step).apply(new JobProgress(dying, table, CLOCK)).ifPresent(j -> endings.incrementAndGet());
                } catch (StoreUnavailableException e) {
                    crashed = true;
                }
            }
            // The step's retry (and, for the crashed one, its redelivery) never counts twice.
            STEPS.get(step).apply(progress).ifPresent(j -> endings.incrementAndGet());
        }
        String where = "crash in step " + crashStep + " after " + writes + " writes";
        SyncJob job = new JobStore(aws.dynamoDb(), table).job("job").orElseThrow();
        assertEquals(SyncJob.Status.COMPLETED_WITH_ERRORS, job.status(), where);
        assertEquals(1, job.repositoriesProcessed(), where);
        assertEquals(1, job.errorsCount(), where);
        assertEquals(3, job.details().get("tasks").get("expected").asInt(), where);
        assertEquals(3, job.details().get("tasks").get("done").asInt(), where);
        assertEquals(5, job.details().get("commits_synced").asInt(), where);
        assertEquals(1, job.details().get("issues_synced").asInt(), where);
        assertEquals(2, job.details().get("pulls_synced").asInt(), where);
        assertEquals(1, job.details().get("waits").asInt(), where);
        assertTrue(endings.get() <= 1, where);
        if (!(crashStep == STEPS.size() - 1 && crashed)) {
            assertEquals(1, endings.get(), where + ": a live caller ended the job");
        }
        Map<String, AttributeValue> item = new Table(aws.dynamoDb(), table).get(Keys.job("job")).orElseThrow();
        assertFalse(item.containsKey(Attr.PENDING_OP), where + ": no bookkeeping left on the job");
        return crashed;
    }

    @Test
    void childFinishedBeforeItsCrashedRegistrationIsRetried_isCountedAsExpectedFirst(AwsFixture aws) {
        String table = aws.provision().tableName();
        JobProgress progress = new JobProgress(aws.dynamoDb(), table, CLOCK);
        progress.create(JobProgressTest.job("job"), List.of("run"));
        try {
            // One write: the child's item exists, registering, not yet counted in tasks_expected.
            new JobProgress(CrashAfterWrites.client(aws.dynamoDb(), 1), table, CLOCK)
                    .register("job", "run", List.of("inst:1"));
        } catch (StoreUnavailableException expected) {
            // the fan-out died; its message will be redelivered
        }
        assertEquals(List.of("inst:1"), progress.unfinishedChildren("job", "run"));
        // Protects against done overtaking expected: the early child must not make 1 of 1 done.
        assertTrue(progress.finish("job", "inst:1", TaskResult.done()).isEmpty());
        progress.register("job", "run", List.of("inst:1"));
        SyncJob ended = progress.finish("job", "run", TaskResult.done()).orElseThrow();
        assertEquals(2, ended.details().get("tasks").get("expected").asInt());
        assertEquals(SyncJob.Status.COMPLETED, ended.status());
    }
}
