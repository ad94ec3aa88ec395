package dev.autosync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load section for a few seconds at a low fixed rate (no ramp), against the whole local system: its
 * exactly-once proof, what it records for the report, and that it leaves nothing behind. Speed is not checked
 * here; that is what the benchmark itself is for.
 */
class LoadBenchmarkTest {

    private static final int RATE = 10;
    private static final int STEADY_SECONDS = 3;

    @TempDir
    Path directory;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void shortLoad_processesEveryAcknowledgedDeliveryExactlyOnce_andTheReportShowsIt() throws Exception {
        // GIVEN a few seconds of the mix at a low rate
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // WHEN
        LoadResult result = LoadBenchmark.measure(LoadSettings.fixed(RATE, Duration.ofSeconds(STEADY_SECONDS)),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        Figures figures = new Figures();
        figures.section(Report.LOAD_SECTION);
        result.record(figures);
        Report report = new Report();
        report.printed(Report.LOAD_SECTION, printed.toString(StandardCharsets.UTF_8));
        String markdown = Files.readString(report.write(directory.resolve("README.md"), figures, "stand-ins"));

        // THEN the ledger, the processor's log and the store each account for every acknowledged delivery once
        ExactlyOnce proof = result.proof();
        String why = proof.describe() + "\n" + printed.toString(StandardCharsets.UTF_8);
        assertEquals(RATE * STEADY_SECONDS, result.steady().sent(), why);
        assertTrue(result.steady().acknowledged() > 0, why);
        // The installation's webhook, the warm-up's and the steady run's: more than the steady run alone.
        assertTrue(proof.acknowledged() > result.steady().acknowledged(), why);
        assertEquals(proof.acknowledged(), proof.completedOnce(), why);
        assertEquals(proof.acknowledged(), proof.loggedOnce(), why);
        assertEquals(0, proof.loggedTwice(), why);
        assertEquals(0, proof.loggedUnsent(), why);
        assertEquals(0, proof.troubled(), why);
        assertTrue(proof.commitsPushed() > 0, why);
        assertEquals(proof.commitsPushed(), proof.commitsStored(), why);
        assertTrue(proof.holds(), why);
        assertEquals(0, result.deadLetters(), why);
        // Nothing left behind: the temporary data folder removed, no port of the system (dynalite's process too) open.
        assertTrue(result.cleanedUp(), why);

        // AND the report has the load figures beside their baselines, and both load charts
        assertTrue(markdown.contains(String.format(Locale.ROOT,
                "| load | deliveries of the run processed exactly once (ledger, processor log) | %d deliveries | acknowledged: %d deliveries"
                        + " | 1.000 × | ratio 1.000 |", proof.acknowledged(), proof.acknowledged())), markdown);
        assertTrue(markdown.contains("| load | ack latency p99 at " + RATE + "/s | "), markdown);
        assertTrue(markdown.contains("bare SQS SendMessage p99 alongside: "), markdown);
        assertTrue(markdown.contains("exactly once, over every delivery of the run"), markdown);
        assertFalse(markdown.contains("## Load\n\nNot run"), markdown);
        assertTrue(Files.size(directory.resolve("backlog.png")) > 0);
        assertTrue(Files.size(directory.resolve("load-ack-latency.png")) > 0);
    }
}
