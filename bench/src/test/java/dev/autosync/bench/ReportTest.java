package dev.autosync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report from recorded figures and series, without running the sections. */
class ReportTest {

    @TempDir
    Path directory;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void figuresWithBaselines_areReportedWithTheirRatio_andChartsAreDrawnFromTheSeries() throws Exception {
        // GIVEN what the webhook and sync sections record
        Figures figures = new Figures();
        figures.section("webhook");
        figures.add("webhook handler p99", 6.6, "ms", "bare SQS SendMessage p99", 5.5, "ratio < 1.20");
        figures.series("webhook.handler.ms", IntStream.range(0, 1_000).mapToDouble(i -> 4 + i / 500.0).toArray());
        figures.series("webhook.bare.ms", IntStream.range(0, 1_000).mapToDouble(i -> 3 + i / 500.0).toArray());
        figures.section("sync");
        figures.add("first import, busiest 60 s", 850, "requests", "≤ 900");
        figures.series("sync.points.idle", new double[] {12});
        figures.series("sync.points.changed", new double[] {42});
        figures.series("sync.points.seed", new double[] {3_000});
        Report report = new Report();
        report.printed("webhook", "== webhook ==\nhandler / bare p99 1.200 x\n");

        // WHEN
        Path file = report.write(directory.resolve("README.md"), figures, "stand-ins");

        // THEN
        String markdown = Files.readString(file);
        assertTrue(markdown.contains("| webhook | webhook handler p99 | 6.600 ms | bare SQS SendMessage p99: 5.500 ms | 1.200 × | ratio < 1.20 |"), markdown);
        assertTrue(markdown.contains("| sync | first import, busiest 60 s | 850 requests |  |  | ≤ 900 |"), markdown);
        assertTrue(markdown.contains("| Cores | " + Runtime.getRuntime().availableProcessors() + " |"), markdown);
        assertTrue(markdown.contains("handler / bare p99 1.200 x"), markdown);
        assertTrue(Files.size(directory.resolve("webhook-ack-latency.png")) > 0);
        assertTrue(Files.size(directory.resolve("rate-limit-points.png")) > 0);
        // No load section yet: the report says so rather than leaving the reader to guess.
        assertTrue(markdown.contains("## Load\n\nNot run"), markdown);
        assertFalse(Files.exists(directory.resolve("backlog.png")));
    }

    @Test
    void loadSeries_drawsTheBacklogChart() throws Exception {
        Figures figures = new Figures();
        figures.section("load");
        figures.series("load.backlog", new double[] {0, 0, 1, 40, 2, 15, 3, 0});
        Report report = new Report();
        report.printed("load", "== load ==\n");

        String markdown = Files.readString(report.write(directory.resolve("README.md"), figures, "stand-ins"));

        assertTrue(Files.size(directory.resolve("backlog.png")) > 0);
        assertTrue(markdown.contains("![backlog](backlog.png)"), markdown);
    }

    @Test
    void ratio_isAbsentWithoutABaselineOrAgainstZero() {
        Figures figures = new Figures();
        figures.add("a", 3, "x", "b", 0, null);
        figures.add("c", 3, "x", null);
        figures.add("d", 3, "x", "e", 2, null);

        assertTrue(figures.all().get(0).ratio().isEmpty());
        assertTrue(figures.all().get(1).ratio().isEmpty());
        assertEquals(1.5, figures.all().get(2).ratio().getAsDouble());
    }
}
