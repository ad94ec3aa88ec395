package dev.autosync.bench;

import dev.autosync.standins.AwsBackend;
import java.io.PrintStream;

/**
 * The processor's cost and speed, each against a baseline from the same run: DynamoDB item writes per
 * delivery against the budget (a duplicate ≤ 1, a push of N commits ≤ N + 5), and events per second for a
 * realistic mix against bare PutItems per second on the same dynalite with the same concurrency.
 */
public final class ProcessorBenchmark implements BenchmarkSection {

    @Override
    public String name() {
        return "processor";
    }

    @Override
    public void run(BenchContext context) {
        new ProcessorMeasurement(context.backend(), context.out(), context.figures()).measure();
    }

    /** Starts its own stand-ins, prints the figures, stops them. */
    public static void run(PrintStream out) {
        try (AwsBackend backend = AwsBackend.startConfigured()) {
            run(backend, out);
        }
    }

    /** Prints the figures using running stand-ins. */
    public static void run(AwsBackend backend, PrintStream out) {
        new ProcessorMeasurement(backend, out, Figures.discarding()).measure();
    }

    public static void main(String[] args) {
        run(System.out);
        System.exit(0);
    }
}
