package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.common.Log;
import dev.autosync.common.SyncInterval;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Millisecond intervals stand in for minutes: the schedule's arithmetic does not depend on the unit. */
class LocalScheduleTest {

    private static final Duration DELAY = Duration.ofMillis(300);
    private static final Duration EVERY = Duration.ofMillis(100);

    private LocalSchedule schedule;

    @AfterEach
    void stop() {
        if (schedule != null) {
            schedule.close();
        }
        Log.redirect(System.out);
    }

    @Test
    void firstRun_comesAfterTheDelay_thenOneEveryInterval() throws Exception {
        List<Long> runs = new CopyOnWriteArrayList<>();
        CountDownLatch four = new CountDownLatch(4);
        schedule = new LocalSchedule(() -> {
            runs.add(System.nanoTime());
            four.countDown();
        }, every(EVERY), DELAY);

        long started = System.nanoTime();
        schedule.start();

        assertTrue(four.await(10, TimeUnit.SECONDS), "runs: " + runs.size());
        assertTrue(schedule.scheduled());
        // Fixed rate, as EventBridge's rate(): run n never comes before start + delay + n × interval.
        // (1 ms of slack: the executor counts in nanoseconds from slightly after `started`.)
        for (int n = 0; n < 4; n++) {
            long after = Duration.ofNanos(runs.get(n) - started).toMillis();
            assertTrue(after >= DELAY.plus(EVERY.multipliedBy(n)).toMillis() - 1, "run " + n + " after " + after + " ms");
        }
    }

    @Test
    void off_runsNothing_notEvenTheFirstRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        schedule = new LocalSchedule(runs::incrementAndGet, new SyncInterval(Optional.empty()), Duration.ZERO);

        schedule.start();
        Thread.sleep(200);

        assertFalse(schedule.scheduled());
        assertEquals(0, runs.get());
    }

    // A ScheduledExecutorService cancels every later run of a task that throws: without the catch, the first
    // failure (the unbuilt engine, GitHub down) would end local periodic syncs for good, silently.
    @Test
    void aFailingRun_isLoggedAsOneJsonLine_andTheScheduleGoesOn() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        schedule = new LocalSchedule(() -> {
            three.countDown();
            if (calls.incrementAndGet() <= 2) {
                throw new UnsupportedOperationException("sync engine not built yet");
            }
        }, every(EVERY), Duration.ZERO);

        schedule.start();

        assertTrue(three.await(10, TimeUnit.SECONDS), "runs: " + calls.get());
        schedule.close();
        List<JsonNode> failures = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode json = Json.mapper().readTree(line);
            if (json.path("message").asText().startsWith("periodic sync run failed")) {
                failures.add(json);
            }
        }
        assertEquals(2, failures.size(), captured.toString(StandardCharsets.UTF_8));
        assertEquals("ERROR", failures.get(0).path("level").asText());
        assertEquals(UnsupportedOperationException.class.getName(), failures.get(0).path("error").asText());
        assertEquals("sync engine not built yet", failures.get(0).path("detail").asText());
    }

    @Test
    void close_stopsTheSchedule() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch two = new CountDownLatch(2);
        schedule = new LocalSchedule(() -> {
            runs.incrementAndGet();
            two.countDown();
        }, every(Duration.ofMillis(20)), Duration.ZERO);
        schedule.start();
        assertTrue(two.await(10, TimeUnit.SECONDS));

        schedule.close();
        int atClose = runs.get();
        Thread.sleep(150);

        assertFalse(schedule.scheduled());
        assertEquals(atClose, runs.get(), "no run after close");
    }

    private static SyncInterval every(Duration interval) {
        return new SyncInterval(Optional.of(interval));
    }
}
