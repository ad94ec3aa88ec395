package dev.autosync.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every benchmark section (or those named as arguments) against one set of stand-ins:
 * {@code mvn -q -pl bench -am compile exec:java@bench [-Dexec.args=webhook]}. With {@code report} among the
 * arguments it also writes the Markdown report and its charts ({@link Report}).
 */
public final class Benchmarks {

    /** Every section, in run order; a new benchmark is one more entry. */
    static final List<BenchmarkSection> SECTIONS = List.of(
            new WebhookBenchmark(),
            new GitHubBenchmark(),
            new ProcessorBenchmark(),
            new SyncBenchmark(),
            new JarSizeBenchmark(),
            new ColdStartBenchmark(),
            new LoadBenchmark(),
            new CapacityBenchmark());

    private static final String REPORT = "report";

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> chosen = new HashSet<>(Arrays.asList(args));
        boolean report = chosen.remove(REPORT);
        System.setProperty("java.awt.headless", "true");
        Capture capture = new Capture(System.out);
        Report written = new Report();
        try (BenchContext context = BenchContext.start(report ? capture.stream() : System.out)) {
            for (BenchmarkSection section : SECTIONS) {
                if (chosen.isEmpty() || chosen.contains(section.name())) {
                    context.figures().section(section.name());
                    context.out().println("== " + section.name() + " ==");
                    section.run(context);
                    context.out().flush();
                    written.printed(section.name(), capture.take());
                }
            }
            if (report) {
                Path file = written.write(Report.destination(), context.figures(), context.backend().description());
                System.out.println("report written to " + file);
            }
        }
        // Stand-ins leave non-daemon threads behind under exec:java; the figures are printed.
        System.exit(0);
    }

    /** Everything printed goes to the terminal and is kept per section for the report. */
    private static final class Capture extends OutputStream {

        private final PrintStream terminal;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

        Capture(PrintStream terminal) {
            this.terminal = terminal;
        }

        PrintStream stream() {
            return stream;
        }

        @Override
        public synchronized void write(int b) {
            terminal.write(b);
            kept.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            terminal.write(bytes, offset, length);
            kept.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            terminal.flush();
        }

        synchronized String take() {
            String text = kept.toString(StandardCharsets.UTF_8);
            kept.reset();
            return text;
        }
    }
}
