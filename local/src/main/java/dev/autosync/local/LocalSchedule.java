package dev.autosync.local;

import dev.autosync.common.Log;
import dev.autosync.common.SyncInterval;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local stand-in for the EventBridge schedule of template.yaml's SyncFunction: runs the periodic sync
 * once shortly after start (so a fresh local system is reconciled without waiting a whole interval), then
 * every {@code AUTOSYNC_SYNC_INTERVAL} at a fixed rate, as {@code rate(N minutes)} does. {@code off} runs
 * nothing at all, for webhook-only experiments.
 *
 * <p>A run that fails is logged as one structured line and the schedule goes on, as EventBridge keeps
 * firing whatever the last invocation did (a {@link ScheduledExecutorService} would otherwise silently
 * cancel every later run).
 */
public final class LocalSchedule implements EventSource {

    /** Long enough for the start-up log to settle, short enough that the first run is seen at once. */
    public static final Duration FIRST_RUN_DELAY = Duration.ofSeconds(5);

    private static final Log LOG = Log.of(LocalSchedule.class);
    private static final int MAX_DETAIL = 300;

    private final Runnable run;
    private final SyncInterval interval;
    private final Duration firstRunDelay;
    private ScheduledExecutorService timer;

    /**
     * @param run           one periodic run (the local runner calls the sync schedule's handler)
     * @param interval      the schedule; {@link SyncInterval#off()} disables the first run too
     * @param firstRunDelay how long after {@link #start()} the first run comes ({@link #FIRST_RUN_DELAY}; tests use less)
     */
    public LocalSchedule(Runnable run, SyncInterval interval, Duration firstRunDelay) {
        this.run = Objects.requireNonNull(run);
        this.interval = Objects.requireNonNull(interval);
        this.firstRunDelay = Objects.requireNonNull(firstRunDelay);
    }

    @Override
    public synchronized void start() {
        if (interval.off()) {
            LOG.info("periodic sync off: no local schedule", Map.of("interval", "off"));
            return;
        }
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-sync-schedule");
            thread.setDaemon(true);
            return thread;
        });
        Duration every = interval.effective();
        timer.scheduleAtFixedRate(this::runOnce, firstRunDelay.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("periodic sync scheduled", Map.of("first_run_in_ms", firstRunDelay.toMillis(),
                "interval_seconds", every.toSeconds()));
    }

    /** Whether runs are scheduled (false when the interval is off, before start and after close). */
    public synchronized boolean scheduled() {
        return timer != null && !timer.isShutdown();
    }

    private void runOnce() {
        try {
            run.run();
        } catch (RuntimeException | LinkageError e) {
            // Never rethrown: the executor would cancel every later run.
            String detail = Objects.requireNonNullElse(e.getMessage(), "");
            LOG.error("periodic sync run failed; the schedule goes on", Map.of(
                    "error", e.getClass().getName(),
                    "detail", detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail));
        }
    }

    /** Stops the schedule; a run under way is interrupted and waited for briefly. */
    @Override
    public synchronized void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
