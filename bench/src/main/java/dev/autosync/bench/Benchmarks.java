package dev.autosync.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs every benchmark section (or those named as arguments) against one set of stand-ins:
 * {@code mvn -q -pl bench -am compile exec:java [-Dexec.args=webhook]}.
 */
public final class Benchmarks {

    /** Every section, in run order; a new benchmark is one more entry. */
    static final List<BenchmarkSection> SECTIONS = List.of(
            new WebhookBenchmark(),
            new GitHubBenchmark(),
            new ProcessorBenchmark(),
            new SyncBenchmark());

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> chosen = Set.copyOf(Arrays.asList(args));
        try (BenchContext context = BenchContext.start(System.out)) {
            for (BenchmarkSection section : SECTIONS) {
                if (chosen.isEmpty() || chosen.contains(section.name())) {
                    context.out().println("== " + section.name() + " ==");
                    section.run(context);
                }
            }
        }
        // Stand-ins leave non-daemon threads behind under exec:java; the figures are printed.
        System.exit(0);
    }
}
