package dev.autosync.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A component's own threads, and the rules that keep threads and time sources owned and injected. */
class WorkersTest {

    /** Where the system clock may be read: the wiring (composition roots) and the production factories they call. */
    private static final Set<String> SYSTEM_CLOCK_ALLOWED = Set.of(
            "ApiWiring.java", "ProcessorWiring.java", "SyncWiring.java", "WebhookWiring.java",
            // ApiConfig.from(env), GitHubConfig.fromEnvironment, GitHubClient.create: the production overloads the
            // wiring calls; each has an overload taking the clock, which tests use.
            "ApiConfig.java", "GitHubConfig.java", "GitHubClient.java",
            // Process-wide sinks: the time a log line or metric is written is wall time by definition
            // (Metrics' clock is settable for tests).
            "Log.java", "Metrics.java");
    private static final Pattern SYSTEM_TIME = Pattern.compile(
            "Clock\\.system(UTC|DefaultZone)?\\(|Instant\\.now\\(|System\\.currentTimeMillis\\(|(LocalDate|LocalDateTime|ZonedDateTime|OffsetDateTime)\\.now\\(");

    @Test
    void map_keepsOrder_runsSeveralAtOnce_andRunsNestedCallsInline() {
        try (Workers workers = new Workers("test-workers", 4)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<Integer> items = IntStream.range(0, 50).boxed().toList();
            List<Integer> doubled = workers.map(items, i -> {
                threads.add(Thread.currentThread().getName());
                return workers.map(List.of(i, i), j -> j, IllegalStateException::new).get(0) * 2;
            }, IllegalStateException::new);
            assertEquals(items.stream().map(i -> i * 2).toList(), doubled);
            assertEquals(Set.of("test-workers"), threads);
        }
    }

    @Test
    void map_waitsForEveryAction_thenThrowsTheFirstFailure() {
        try (Workers workers = new Workers("test-workers", 3)) {
            AtomicInteger ended = new AtomicInteger();
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> workers.map(List.of(1, 2, 3, 4, 5), i -> {
                try {
                    Thread.sleep(i * 5L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ended.incrementAndGet();
                if (i == 2) {
                    throw boom;
                }
                return i;
            }, IllegalStateException::new));
            assertSame(boom, thrown);
            assertEquals(5, ended.get());
        }
    }

    @Test
    void close_endsTheThreads() throws InterruptedException {
        Workers workers = new Workers("test-workers", 2);
        workers.map(List.of(1, 2, 3), i -> i, IllegalStateException::new);
        assertTrue(workers.threads() > 0);
        workers.close();
        for (int i = 0; i < 100 && workers.threads() > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, workers.threads());
    }

    // Protects against a static pool coming back: one shared by every engine in a process (the local runner,
    // the benchmark, tests) queues one engine's work behind another's, and nothing ever closes it.
    @Test
    void noClass_holdsAThreadPoolInAStaticField() throws Exception {
        List<String> found = new ArrayList<>();
        Path classes = Path.of(Workers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", "");
                if (name.endsWith("package-info")) {
                    continue;
                }
                for (Field field : Class.forName(name, false, Workers.class.getClassLoader()).getDeclaredFields()) {
                    Class<?> type = field.getType();
                    if (Modifier.isStatic(field.getModifiers()) && (Executor.class.isAssignableFrom(type)
                            || Workers.class.isAssignableFrom(type) || ForkJoinPool.class.isAssignableFrom(type))) {
                        found.add(name + "." + field.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    // Protects against a second, uninjected time source beside an injected clock (as CommitStore had): tests
    // on a manual clock then see part of the code on another time.
    @Test
    void theSystemClock_isReadOnlyWhereTheWiringChoosesIt() throws Exception {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (SYSTEM_CLOCK_ALLOWED.contains(file.getFileName().toString())) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (SYSTEM_TIME.matcher(lines.get(i)).find()) {
                        found.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
