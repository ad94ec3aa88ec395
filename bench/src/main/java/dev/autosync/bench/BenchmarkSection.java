package dev.autosync.bench;

/** One section of the benchmark run; add it to {@link Benchmarks#SECTIONS}. */
public interface BenchmarkSection {

    /** Short name, used to pick sections on the command line. */
    String name();

    /** Runs the section and prints its figures to {@code context.out()}. */
    void run(BenchContext context) throws Exception;
}
