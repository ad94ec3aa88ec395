package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cost of a large fan-out against dynalite: the calls a register of 1,000 children makes, and the wall time
 * of 500 tasks finished from 8 threads (printed; the assertions are the exact counts).
 */
@ExtendWith(AwsStandIns.class)
class JobProgressLoadTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void registerThousandChildren_thenFinishFiveHundredFromEightThreads(AwsFixture aws) throws Exception {
        String table = aws.provision().tableName();
        AtomicInteger calls = new AtomicInteger();
        JobProgress progress = new JobProgress(counting(aws.dynamoDb(), calls), table, CLOCK);
        progress.create(JobProgressTest.job("big"), List.of("inst:1"));
        List<String> children = IntStream.range(0, 1000).mapToObj(i -> "repo:" + i).toList();

        calls.set(0);
        long t0 = System.nanoTime();
        progress.register("big", "inst:1", children);
        long registerMillis = (System.nanoTime() - t0) / 1_000_000;
        int registerCalls = calls.get();
        assertEquals(1001, expected(aws, table, "big"));
        progress.finish("big", "inst:1", TaskResult.done());

        calls.set(0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger endings = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        t0 = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            String child = "repo:" + i;
            int n = i;
            futures.add(pool.submit(() -> progress.finish("big", child, TaskResult.synced("acme/r" + n, 1, 0, 0))
                    .ifPresent(j -> endings.incrementAndGet())));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long finishMillis = (System.nanoTime() - t0) / 1_000_000;
        int finishCalls = calls.get();
        pool.shutdown();
        System.out.printf("LOAD register 1000: %d ms, %d calls; finish 500 from 8 threads: %d ms, %d calls%n",
                registerMillis, registerCalls, finishMillis, finishCalls);

        SyncJob job = new JobStore(aws.dynamoDb(), table).job("big").orElseThrow();
        assertEquals(0, endings.get());
        assertEquals(501, job.details().get("tasks").get("done").asInt());
        assertEquals(500, job.details().get("commits_synced").asInt());
        assertEquals(SyncJob.Status.PENDING, job.status());
        assertTrue(registerCalls > 0);
    }

    private static long expected(AwsFixture aws, String table, String jobId) {
        return new JobStore(aws.dynamoDb(), table).job(jobId).orElseThrow().details().get("tasks").get("expected").asLong();
    }

    static DynamoDbClient counting(DynamoDbClient delegate, AtomicInteger calls) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("close") && !method.getName().equals("serviceName")) {
                        calls.incrementAndGet();
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
