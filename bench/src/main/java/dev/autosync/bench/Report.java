package dev.autosync.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Markdown report of one run ({@code -Dexec.args=report}): the machine, every figure beside its baseline
 * and ratio and target, the charts, and each section's printed lines. Written to {@code bench/target/report/}
 * or the directory of {@code -Dbench.report=path/README.md}.
 */
final class Report {

    static final String PROPERTY = "bench.report";
    /** The load benchmark (60 s of signed deliveries into the local gateway), when a section of that name exists. */
    static final String LOAD_SECTION = "load";

    private static final String LOAD_METHOD = "The whole local system (gateway, webhook function, stored queues and"
            + " table, processor, sync engine, the GitHub sandbox as GitHub) in the benchmark's JVM on a free loopback port."
            + " Signed deliveries of a realistic mix (pushes of 1-5 commits, issues, pull requests; five repositories of"
            + " one installation, installed in the sandbox and through its own webhook first) at the highest rate a short"
            + " ramp found sustained end to end (every delivery acknowledged, ack p99 bounded, the processor keeping up;"
            + " the ramp's doubling also gives the highest rate the gateway acknowledged), with a bounded number in"
            + " flight; latency counts from when each delivery was due. Baseline: a bare SendMessage of"
            + " bodies of the mix to the same ElasticMQ, alongside the steady run at a fifth of its rate (at least 5/s),"
            + " so contention on the machine slows both alike. Exactly once: every acknowledged GUID completed in"
            + " the ledger in one attempt and logged processed once by the processor, and every pushed commit stored.\n\n";

    private final Map<String, String> printed = new LinkedHashMap<>();

    /** Where the report goes: {@code -Dbench.report=} or {@code bench/target/report/README.md}. */
    static Path destination() {
        String configured = System.getProperty(PROPERTY, "");
        if (!configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return dev.autosync.standins.ProjectRoot.find().resolve("bench/target/report/README.md");
    }

    void printed(String section, String lines) {
        printed.put(section, lines);
    }

    Path write(Path file, Figures figures, String backend) throws IOException {
        Path directory = file.getParent();
        Files.createDirectories(directory);
        List<String> charts = new ArrayList<>();
        Charts.ackLatency(figures, directory).ifPresent(charts::add);
        Charts.rateLimitPoints(figures, directory).ifPresent(charts::add);
        Charts.loadAckLatency(figures, directory).ifPresent(charts::add);
        Optional<String> backlog = Charts.backlog(figures, directory);
        backlog.ifPresent(charts::add);

        StringBuilder md = new StringBuilder();
        md.append("# autosync benchmark report\n\n");
        machine(md, backend);
        md.append("\n## Figures\n\nEach figure beside the baseline measured in the same run; ratio = figure ÷ baseline.\n\n");
        md.append("| Section | Figure | Value | Baseline | Ratio | Target |\n|---|---|---|---|---|---|\n");
        for (Figure f : figures.all()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s | %s |%n", f.section(), f.name(),
                    number(f.value()), f.unit(),
                    f.baseline().map(b -> b.name() + ": " + number(b.value()) + " " + f.unit()).orElse(""),
                    f.ratio().isPresent() ? String.format(Locale.ROOT, "%.3f ×", f.ratio().getAsDouble()) : "",
                    f.target().orElse("")));
        }
        md.append("\n## Charts\n\n");
        for (String chart : charts) {
            md.append("![").append(chart.replace(".png", "").replace('-', ' ')).append("](").append(chart).append(")\n\n");
        }
        if (charts.isEmpty()) {
            md.append("None: the webhook and sync sections did not run.\n\n");
        }
        md.append("## Load\n\n");
        if (printed.containsKey(LOAD_SECTION)) {
            md.append(LOAD_METHOD);
            md.append(backlog.isPresent() ? "Backlog over time: `backlog.png` above; ack latency distribution:"
                    + " `load-ack-latency.png`. The ramp's steps and the exactly-once proof: the section's printed lines"
                    + " below.\n\n" : "No backlog series recorded.\n\n");
        } else {
            md.append("Not run: the load section (`").append(LOAD_SECTION).append("`, 60 s of signed deliveries into the local")
                    .append(" gateway) was not among the sections run; with it, its figures, its backlog-over-time chart and")
                    .append(" its ack latency distribution appear here.\n\n");
        }
        md.append("## Printed by each section\n\n");
        printed.forEach((section, lines) -> md.append("### ").append(section).append("\n\n```\n").append(lines)
                .append(lines.endsWith("\n") ? "" : "\n").append("```\n\n"));
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static void machine(StringBuilder md, String backend) {
        Runtime runtime = Runtime.getRuntime();
        long physical = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
        md.append("| | |\n|---|---|\n");
        md.append("| Date | ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" |\n");
        md.append("| Commit | ").append(gitCommit()).append(" |\n");
        md.append("| Cores | ").append(runtime.availableProcessors()).append(" |\n");
        md.append(String.format(Locale.ROOT, "| Memory | %.1f GB physical, %.1f GB max heap |%n", physical / 1e9,
                runtime.maxMemory() / 1e9));
        md.append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version()).append(" |\n");
        md.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append(" |\n");
        md.append("| Stand-ins | ").append(backend).append(" |\n");
    }

    private static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty")
                    .directory(dev.autosync.standins.ProjectRoot.find().toFile()).redirectErrorStream(true).start();
            String commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? commit : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.1f" : "%.3f", value);
    }
}
