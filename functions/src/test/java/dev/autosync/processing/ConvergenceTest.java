package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.store.GlobalStats;
import dev.autosync.store.Repository;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The final state depends only on GitHub's history, never on delivery order or count: a scripted
 * history applied once in order and, separately, duplicated and shuffled across parallel processors
 * must leave identical tables, counters included.
 */
@ExtendWith(AwsStandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvergenceTest {

    static final long R1 = 101;
    static final long R2 = 102;
    static final long R3 = 103;
    static final long R4 = 104;

    private ProcessorRig inOrderRig;
    private TreeMap<String, Map<String, AttributeValue>> inOrder;

    static List<History.Delivery> script() {
        return new History()
                .installationCreated(R1, R2)
                .repository("created", R3)
                .push(R1, "main", false, "c1", "alice", "alice@example.com", "c2", "bob", "bob@example.com")
                // c2 again, on another branch; c3 by an author GitHub matched to no account
                .push(R1, "feature", false, "c2", "bob", "bob@example.com", "c3", null, "ghost@example.com")
                .push(R2, "main", false, "c4", "carol", "carol@example.com")
                .issue("opened", R1, 1, "open", "first")
                .issue("opened", R1, 2, "open", "second")
                .issue("edited", R1, 1, "open", "first, edited")
                .issue("closed", R1, 1, "closed", "first, edited")
                .issue("reopened", R1, 1, "open", "first, edited")
                .issue("closed", R1, 2, "closed", "second")
                .pull("opened", R1, 3, "open", false)
                .pull("closed", R1, 3, "closed", true)
                .pull("opened", R2, 1, "open", false)
                .renamed(R1, "renamed-one")
                .push(R3, "main", false, "c5", "bob", "bob@example.com")
                .issue("opened", R3, 1, "open", "doomed")
                .repository("deleted", R3)
                .push(R1, "main", true, "c6", "alice", "alice@example.com")
                .issue("opened", R2, 5, "open", "short-lived")
                .issue("deleted", R2, 5, "open", "short-lived")
                .installationAction("suspend")
                // deselected, then selected again: it must come back whatever order these arrive in
                .selection("added", R4)
                .selection("removed", R4)
                .selection("added", R4)
                .deliveries();
    }

    @BeforeAll
    void applyInOrder(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        for (History.Delivery delivery : script()) {
            assertTrue(ProcessorRig.deliver(processor, delivery.event(), delivery.id(), delivery.payload()), delivery.id());
        }
        inOrder = rig.dump();
        inOrderRig = rig;
    }

    @Test
    void inOrder_countersMatchTheHistory() {
        checkCounters(inOrderRig);
    }

    // Seeds picked once; each permutation also runs three processors at once, so duplicates of one
    // delivery race each other (one wins the claim, the others see BUSY and are redelivered later).
    @ParameterizedTest
    @ValueSource(longs = {7, 1234, 99991, 20260101, 5})
    void duplicatedShuffledAndParallel_convergesToTheSameTables(long seed, AwsFixture aws) throws Exception {
        ProcessorRig rig = new ProcessorRig(aws);
        List<History.Delivery> copies = new ArrayList<>();
        Random random = new Random(seed);
        for (History.Delivery delivery : script()) {
            int times = 2 + random.nextInt(2);
            for (int i = 0; i < times; i++) {
                copies.add(delivery);
            }
        }
        Collections.shuffle(copies, random);
        runInParallel(rig, new ConcurrentLinkedDeque<>(copies), 3);

        assertEquals("", ProcessorRig.differences(inOrder, rig.dump()));
        checkCounters(rig);
    }

    // The general form of the crash tests: attempts die after a random number of writes, other deliveries
    // (duplicates included) run before the retry, and retries come back in any order.
    @ParameterizedTest
    @ValueSource(longs = {11, 4242, 777})
    void randomCrashes_retriedInAnyOrder_convergeToTheSameTables(long seed, AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        Random random = new Random(seed);
        List<History.Delivery> copies = new ArrayList<>();
        for (History.Delivery delivery : script()) {
            copies.add(delivery);
            if (random.nextBoolean()) {
                copies.add(delivery);
            }
        }
        Collections.shuffle(copies, random);
        List<History.Delivery> queue = new ArrayList<>(copies);
        EventProcessor healthy = rig.processor(false);
        int crashes = 0;
        for (int step = 0; step < 10_000 && !queue.isEmpty(); step++) {
            History.Delivery next = queue.remove(0);
            boolean crash = random.nextInt(3) == 0;
            EventProcessor processor = crash
                    ? rig.processor(new CrashingDynamoDb(aws.dynamoDb(), random.nextInt(8)), false) : healthy;
            if (!ProcessorRig.deliver(processor, next.event(), next.id(), next.payload())) {
                crashes++;
                // SQS redelivers later, by which time the dead attempt's lease has expired
                queue.add(random.nextInt(queue.size() + 1), next);
                rig.clock.advance(ProcessorRig.LEASE.plus(java.time.Duration.ofSeconds(1)));
            }
        }

        assertTrue(crashes >= 3, "crashes were injected: " + crashes);
        assertEquals("", ProcessorRig.differences(inOrder, rig.dump()));
        checkCounters(rig);
    }

    private static void runInParallel(ProcessorRig rig, ConcurrentLinkedDeque<History.Delivery> queue, int workers)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                EventProcessor processor = rig.processor(false);
                running.add(pool.submit(() -> {
                    for (int spins = 0; spins < 10_000; spins++) {
                        History.Delivery next = queue.pollFirst();
                        if (next == null) {
                            return null;
                        }
                        if (!ProcessorRig.deliver(processor, next.event(), next.id(), next.payload())) {
                            queue.addLast(next); // as SQS would redeliver it after the visibility timeout
                            Thread.sleep(5);
                        }
                    }
                    throw new AssertionError("deliveries kept failing");
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkCounters(ProcessorRig rig) {
        Repository r1 = rig.queries.repository(R1).orElseThrow();
        assertEquals("renamed-one", r1.name());
        assertEquals(4, r1.commitCount(), "c1, c2, c3, c6: c2 counted once though pushed to two branches");
        assertEquals(3, r1.contributorCount(), "alice, bob and the unmatched author");
        assertEquals(1, r1.openIssuesCount(), "#1 reopened, #2 closed");
        assertEquals(0, r1.openPullCount(), "#3 merged");
        Repository r2 = rig.queries.repository(R2).orElseThrow();
        assertEquals(1, r2.commitCount());
        assertEquals(0, r2.openIssuesCount(), "#5 deleted while open");
        assertEquals(1, r2.openPullCount());
        assertTrue(rig.queries.repository(R3).isEmpty());
        assertEquals("acme/repo-104", rig.queries.repository(R4).orElseThrow().fullName());
        assertEquals(new GlobalStats(1, 3), rig.queries.stats());
        assertTrue(rig.queries.installation(History.INSTALLATION).orElseThrow().suspended());
    }
}
