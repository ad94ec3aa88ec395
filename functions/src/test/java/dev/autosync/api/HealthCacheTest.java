package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.aws.Resources;
import dev.autosync.sandbox.ManualClock;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.Delegating;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The public health route is unauthenticated: whatever the number of calls, a container reads DynamoDB and
 * SQS for it at most once per {@link ApiWiring#HEALTH_MAX_AGE}.
 */
@ExtendWith(AwsStandIns.class)
class HealthCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:07:00Z");
    /** Client methods that send no request. */
    private static final Set<String> LOCAL = Set.of("serviceName", "serviceClientConfiguration", "close");

    // Protects against a flood of unauthenticated calls each costing a COUNT over an index and three SQS calls.
    @Test
    void callsWithinTheWindow_shareOneComputation_andACallAfterItRecomputes(AwsFixture aws) {
        Resources resources = aws.provision();
        ManualClock clock = new ManualClock(NOW);
        AtomicInteger dynamoDbRequests = new AtomicInteger();
        AtomicInteger sqsRequests = new AtomicInteger();
        ApiTestbed api = new ApiTestbed(Delegating.around(DynamoDbClient.class, aws.dynamoDb(), counting(dynamoDbRequests)),
                Delegating.around(SqsClient.class, aws.sqs(), counting(sqsRequests)), resources, clock);

        JsonNode first = api.get("/api/sync/health").json();
        int dynamoDbPerReport = dynamoDbRequests.get();
        int sqsPerReport = sqsRequests.get();
        assertTrue(dynamoDbPerReport > 0 && sqsPerReport > 0, "the first call computes");
        aws.sqs().sendMessage(b -> b.queueUrl(resources.eventsDeadLetterQueueUrl()).messageBody("{}"));
        for (int call = 0; call < 50; call++) {
            assertEquals(first, api.get("/api/sync/health").json());
            clock.advance(ApiWiring.HEALTH_MAX_AGE.dividedBy(50));
        }
        assertEquals(NOW.plus(ApiWiring.HEALTH_MAX_AGE), clock.instant(), "still within the window");
        assertEquals(first, api.get("/api/sync/health").json());
        assertEquals(dynamoDbPerReport, dynamoDbRequests.get());
        assertEquals(sqsPerReport, sqsRequests.get());

        clock.advance(Duration.ofMillis(1));
        JsonNode later = api.get("/api/sync/health").json();

        assertEquals("degraded", later.path("status").asText(), "the dead letter is seen now");
        assertEquals(NOW.plus(ApiWiring.HEALTH_MAX_AGE).plusMillis(1).toString(), later.path("checked_at").asText());
        assertEquals(2 * dynamoDbPerReport, dynamoDbRequests.get());
        assertEquals(2 * sqsPerReport, sqsRequests.get());
    }

    // Protects against a burst arriving during a slow computation (up to the 3 s deadline) starting one each.
    @Test
    void callersArrivingDuringAComputation_waitForIt_andShareItsResult() throws Exception {
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecentResult<Object> recent = new RecentResult<>(() -> {
            computations.incrementAndGet();
            started.countDown();
            await(release);
            return new Object();
        }, new ManualClock(NOW), Duration.ofSeconds(5));

        CompletableFuture<Object> first = CompletableFuture.supplyAsync(recent::get);
        await(started);
        CompletableFuture<Object> second = new CompletableFuture<>();
        Thread waiting = new Thread(() -> second.complete(recent.get()));
        waiting.start();
        while (waiting.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        release.countDown();

        assertSame(first.get(), second.get());
        assertEquals(1, computations.get());
    }

    @Test
    void aFailedComputation_isNotKept() {
        AtomicInteger computations = new AtomicInteger();
        RecentResult<String> recent = new RecentResult<>(() -> {
            if (computations.incrementAndGet() == 1) {
                throw new IllegalStateException("first computation fails");
            }
            return "report";
        }, new ManualClock(NOW), Duration.ofSeconds(5));

        assertThrows(IllegalStateException.class, recent::get);
        assertEquals("report", recent.get());
        assertEquals("report", recent.get());
        assertEquals(2, computations.get());
    }

    private static Consumer<Method> counting(AtomicInteger requests) {
        return method -> {
            if (!LOCAL.contains(method.getName())) {
                requests.incrementAndGet();
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
