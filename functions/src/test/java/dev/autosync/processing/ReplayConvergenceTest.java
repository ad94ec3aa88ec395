package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.queue.DeliveryId;
import dev.autosync.queue.EventMessage;
import dev.autosync.queue.EventMessageCodec;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays change nothing already applied: a history of deliveries processed in order, then every one of them
 * replayed by two replay jobs — shuffled together and applied by several workers at once — while live
 * webhooks for the same repositories keep arriving, leaves the store identical (counters included) to one
 * in-order pass of the history and the live webhooks.
 *
 * <p>The history is {@value #DEFAULT_DELIVERIES} deliveries in the default test run (each is processed four
 * times: ~1,300 deliveries, a minute on a busy 2-core machine); {@code -Dautosync.replay.deliveries=5000} runs
 * the issue's 5,000 (about 15 minutes there).
 */
@ExtendWith(AwsStandIns.class)
class ReplayConvergenceTest {

    static final int DEFAULT_DELIVERIES = 300;
    private static final int WORKERS = 4;
    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void replayingEveryDeliveryTwiceShuffled_alongsideLiveWebhooks_leavesTheStoreAsOneInOrderPass(AwsFixture aws)
            throws Exception {
        int size = Integer.getInteger("autosync.replay.deliveries", DEFAULT_DELIVERIES);
        Random random = new Random(20261202);
        History history = new History().installationCreated(1, 2, 3, 4, 5, 6, 7, 8);
        generate(history, size - 1, random);
        List<History.Delivery> archived = history.deliveries();
        generate(history, Math.max(10, size / 10), random);
        List<History.Delivery> all = history.deliveries();
        List<History.Delivery> live = all.subList(archived.size(), all.size());

        ProcessorRig reference = new ProcessorRig(aws);
        EventProcessor inOrder = reference.processor(false);
        for (int i = 0; i < all.size(); i++) {
            assertTrue(ProcessorRig.deliver(inOrder, all.get(i), receivedAt(i)));
        }

        ProcessorRig replayed = new ProcessorRig(aws);
        EventProcessor processor = replayed.processor(false);
        for (int i = 0; i < archived.size(); i++) {
            assertTrue(ProcessorRig.deliver(processor, archived.get(i), receivedAt(i)));
        }
        List<EventMessage> replays = new ArrayList<>();
        for (String job : List.of("replay-job-1", "replay-job-2")) {
            for (int i = 0; i < archived.size(); i++) {
                History.Delivery delivery = archived.get(i);
                replays.add(new EventMessage(new DeliveryId(delivery.id()), delivery.event(), Optional.empty(),
                        receivedAt(i), delivery.payload().toString(), Optional.of(job)));
            }
        }
        Collections.shuffle(replays, random);
        ConcurrentLinkedQueue<EventMessage> work = new ConcurrentLinkedQueue<>(replays);
        AtomicInteger applied = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
        try {
            List<Future<?>> running = new ArrayList<>();
            // The live webhooks, in order, on their own worker, while the replays run on the others.
            running.add(pool.submit(() -> {
                for (int i = 0; i < live.size(); i++) {
                    assertTrue(ProcessorRig.deliver(processor, live.get(i), receivedAt(archived.size() + i)));
                }
            }));
            for (int w = 0; w < WORKERS; w++) {
                running.add(pool.submit(() -> {
                    for (EventMessage message = work.poll(); message != null; message = work.poll()) {
                        Map<String, String> attributes = new HashMap<>();
                        EventMessageCodec.attributes(message).forEach((k, v) -> attributes.put(k, v.stringValue()));
                        if (processor.processMessage("m-" + message.deliveryId(), message.payload(), attributes)) {
                            applied.incrementAndGet();
                        } else {
                            work.add(message); // busy or failed: SQS would deliver it again
                        }
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(replays.size(), applied.get(), "every replay message was taken");
        // Each delivery applied once per replay job: one completed replay record per (delivery, job).
        long completedReplays = 0;
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        do {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> from = start;
            var page = aws.dynamoDb().scan(b -> b.tableName(replayed.resources.tableName()).exclusiveStartKey(from));
            completedReplays += page.items().stream().filter(item -> item.get("pk").s().contains("#replay#"))
                    .filter(item -> "completed".equals(item.get("status").s())).count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertEquals(2L * archived.size(), completedReplays);
        assertEquals("", ProcessorRig.differences(reference.dump(), replayed.dump()),
                "the store after the replays equals one in-order pass");
    }

    /** Received a second apart, in history order (the order guards' observation times follow it). */
    private static Instant receivedAt(int index) {
        return RECEIVED.plusSeconds(index);
    }

    /**
     * A mix over eight repositories: pushes of one to three commits by a handful of authors (some commits pushed
     * again on another branch), issues opened, edited, closed and reopened, pull requests opened and merged.
     */
    private static void generate(History history, int count, Random random) {
        String[] authors = {"alice", "bob", "carol", "dave", null};
        int[] nextNumber = new int[9];
        Map<Long, List<Integer>> openIssues = new HashMap<>();
        Map<Long, List<Integer>> openPulls = new HashMap<>();
        int before = history.deliveries().size();
        for (int made = 0; history.deliveries().size() - before < count; made++) {
            long repository = 1 + random.nextInt(8);
            int roll = random.nextInt(100);
            if (roll < 40) {
                int commits = 1 + random.nextInt(3);
                List<String> parts = new ArrayList<>();
                for (int c = 0; c < commits; c++) {
                    String author = authors[random.nextInt(authors.length)];
                    parts.add(String.format("%040x", (long) history.deliveries().size() * 7 + c + repository * 1_000_000_000L));
                    parts.add(author);
                    parts.add((author == null ? "ghost" : author) + "@example.com");
                }
                history.push(repository, random.nextInt(5) == 0 ? "feature" : "main", false, parts.toArray(String[]::new));
            } else if (roll < 70) {
                List<Integer> open = openIssues.computeIfAbsent(repository, r -> new ArrayList<>());
                if (open.isEmpty() || random.nextInt(3) == 0) {
                    int number = ++nextNumber[(int) repository];
                    open.add(number);
                    history.issue("opened", repository, number, "open", "issue " + number);
                } else {
                    int number = open.get(random.nextInt(open.size()));
                    if (random.nextBoolean()) {
                        history.issue("edited", repository, number, "open", "issue " + number + " (" + made + ")");
                    } else {
                        open.remove(Integer.valueOf(number));
                        history.issue("closed", repository, number, "closed", "issue " + number);
                    }
                }
            } else {
                List<Integer> open = openPulls.computeIfAbsent(repository, r -> new ArrayList<>());
                if (open.isEmpty() || random.nextBoolean()) {
                    int number = ++nextNumber[(int) repository];
                    open.add(number);
                    history.pull("opened", repository, number, "open", false);
                } else {
                    int number = open.remove(random.nextInt(open.size()));
                    history.pull("closed", repository, number, "closed", random.nextInt(4) != 0);
                }
            }
        }
    }
}
