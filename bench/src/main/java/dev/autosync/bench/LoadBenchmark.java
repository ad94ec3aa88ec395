package dev.autosync.bench;

import dev.autosync.common.Log;
import dev.autosync.local.LocalRunner;
import dev.autosync.store.JobStore;
import dev.autosync.store.StoreQueries;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load (issue 11): signed deliveries of a realistic mix into the whole local system's gateway, over loopback,
 * at a steady rate for 60 s ({@code -Dbench.load.seconds=}), the rate the highest a short ramp found the
 * machine to sustain ({@link LoadRamp}; {@code -Dbench.load.rate=} sets one instead), with a bounded number
 * in flight. Measures acknowledged deliveries a second, ack latency (p50, p99) against a bare SendMessage sent
 * alongside ({@link BareSend}), the events queue's backlog every second, the time to drain it after the
 * last acknowledgement (bounded), and proves that every acknowledged delivery was processed exactly once
 * ({@link ExactlyOnce}). Stops by itself and leaves nothing running: no process, no data folder.
 */
final class LoadBenchmark implements BenchmarkSection {

    private static final Duration SETUP_LIMIT = Duration.ofSeconds(60);
    /** Bodies of the mix the baseline sends, in turn. */
    private static final int BARE_BODIES = 50;

    @Override
    public String name() {
        return Report.LOAD_SECTION;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        LoadResult result = measure(LoadSettings.fromSystemProperties(), context.out());
        result.record(context.figures());
    }

    static LoadResult measure(LoadSettings settings, PrintStream out) throws Exception {
        // Two log lines a delivery, as in Lambda: read for the proof, kept off the benchmark's output.
        ProcessedLog log = new ProcessedLog();
        Log.redirect(log.stream());
        try {
            return measure(settings, out, log);
        } finally {
            Log.redirect(System.out);
        }
    }

    private static LoadResult measure(LoadSettings settings, PrintStream out, ProcessedLog log) throws Exception {
        LoadSystem system = LoadSystem.start();
        Path dataDir = system.dataDir();
        List<Integer> ports = system.ports();
        LoadResult result;
        try (system; LoadDeliveries deliveries = new LoadDeliveries(system)) {
            out.printf("local system: gateway %s (loopback, a free port), data in %s, demo data and periodic sync off%n",
                    system.webhookUrl(), dataDir);
            install(system, deliveries, out);
            OpenLoop.Run warmUp = OpenLoop.run(settings.startRate(), settings.warmUp(), settings.inFlight(),
                    LoadDeliveries.TIMEOUT.plusSeconds(1), deliveries.sender());
            out.printf("warm-up: %d deliveries at %.0f/s, %d acknowledged (not measured)%n", warmUp.sent(),
                    settings.startRate(), warmUp.acknowledged());
            Optional<LoadRamp.Found> ramp = settings.rate() > 0 ? Optional.empty()
                    : Optional.of(new LoadRamp(system, deliveries, settings, out).find());
            double rate = ramp.map(LoadRamp.Found::sustained).orElse(settings.rate());
            if (LoadDrain.await(system, settings.drainLimit()).isEmpty()) {
                throw new IllegalStateException("the queue did not empty after the ramp within " + settings.drainLimit());
            }
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < BARE_BODIES; i++) {
                bodies.add(new String(deliveries.next().body(), StandardCharsets.UTF_8));
            }
            ExecutorService baseline = Executors.newSingleThreadExecutor(LoadDeliveries.daemon());
            OpenLoop.Run bare;
            OpenLoop.Run steady;
            OptionalDouble drain;
            double[] backlog;
            double peak;
            try (BacklogSampler sampler = new BacklogSampler(system)) {
                Future<OpenLoop.Run> alongside = baseline.submit(() -> BareSend.measure(system.sqs(), bodies,
                        BareSend.rate(rate), settings.steady(), settings.inFlight()));
                steady = OpenLoop.run(rate, settings.steady(), settings.inFlight(), LoadDeliveries.TIMEOUT.plusSeconds(1),
                        deliveries.sender());
                bare = alongside.get();
                drain = LoadDrain.await(system, settings.drainLimit());
                Thread.sleep(1000); // one sample of the empty queue closes the chart
                backlog = sampler.pairs();
                peak = sampler.peak();
            } finally {
                baseline.shutdownNow();
            }
            ExactlyOnce proof = ExactlyOnce.check(new StoreQueries(system.dynamoDb(), system.resources().tableName()),
                    deliveries, log);
            result = new LoadResult(rate, ramp, steady, bare, backlog, peak, drain, settings.drainLimit(), proof,
                    system.depths().deadLetters(), false);
        }
        result = result.withCleanedUp(!Files.exists(dataDir) && ports.stream().noneMatch(LoadBenchmark::listening));
        result.print(out);
        return result;
    }

    /**
     * The installation whose repositories the deliveries name: in the sandbox (so its import finds it on GitHub),
     * then its webhook through the gateway, and the import that starts, before anything is measured.
     */
    private static void install(LoadSystem system, LoadDeliveries deliveries, PrintStream out) throws Exception {
        system.installInSandbox(LoadDeliveries.REPOSITORIES);
        LoadDeliveries.Delivery installation = deliveries.installation();
        if (!deliveries.post(installation).get()) {
            throw new IllegalStateException("the gateway did not accept the installation's webhook");
        }
        StoreQueries store = new StoreQueries(system.dynamoDb(), system.resources().tableName());
        JobStore jobs = new JobStore(system.dynamoDb(), system.resources().tableName());
        long deadline = System.nanoTime() + SETUP_LIMIT.toNanos();
        while (!LocalRunner.settled(List.of(installation.guid()), store, jobs)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the installation and its import did not settle within " + SETUP_LIMIT);
            }
            Thread.sleep(100);
        }
        out.printf("installation %d of %s with %d repositories: webhook processed, import done%n",
                BenchPayloads.INSTALLATION, BenchPayloads.ACCOUNT, LoadDeliveries.REPOSITORIES.size());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
