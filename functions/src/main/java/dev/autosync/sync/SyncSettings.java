package dev.autosync.sync;

import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.SyncInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The sync engine's configuration, read and validated at once.
 *
 * @param interval        how often the periodic run comes (health and the search overlap reason with it)
 * @param fullSyncEvery   at most one full reconciliation per this period ({@code AUTOSYNC_FULL_SYNC_HOURS})
 * @param extraBranches   branches synced besides each repository's default branch ({@code SYNC_BRANCHES})
 * @param lookback        how far back a first import reads ({@code SYNC_LOOKBACK_DAYS}), unless {@code startDate}
 * @param startDate       a fixed start of history ({@code SYNC_START_DATE}) instead of the lookback
 * @param retainDataOnUninstall as the processor: an installation gone on GitHub is kept, marked uninstalled
 * @param taskConcurrency how many sync tasks run at once ({@code SYNC_TASK_CONCURRENCY}): they share GitHub's
 *                        per-minute secondary limit
 */
public record SyncSettings(SyncInterval interval, Duration fullSyncEvery, List<String> extraBranches, Duration lookback,
                           Optional<Instant> startDate, boolean retainDataOnUninstall, int taskConcurrency) {

    public static final int DEFAULT_TASK_CONCURRENCY = 5;

    public static final Duration DEFAULT_FULL_SYNC = Duration.ofHours(24);
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(90);

    public SyncSettings {
        extraBranches = List.copyOf(extraBranches);
    }

    public static SyncSettings defaults() {
        return new SyncSettings(new SyncInterval(Optional.of(SyncInterval.DEFAULT)), DEFAULT_FULL_SYNC, List.of(),
                DEFAULT_LOOKBACK, Optional.empty(), false, DEFAULT_TASK_CONCURRENCY);
    }

    public static SyncSettings from(Env env) {
        SyncInterval interval = SyncInterval.from(env);
        Duration full = Duration.ofHours(env.positiveLong(EnvVars.AUTOSYNC_FULL_SYNC_HOURS, DEFAULT_FULL_SYNC.toHours()));
        List<String> branches = env.optional(EnvVars.SYNC_BRANCHES)
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(b -> !b.isEmpty()).distinct().toList())
                .orElse(List.of());
        Duration lookback = Duration.ofDays(env.positiveLong(EnvVars.SYNC_LOOKBACK_DAYS, DEFAULT_LOOKBACK.toDays()));
        Optional<Instant> start = env.optional(EnvVars.SYNC_START_DATE).flatMap(value -> {
            try {
                return Optional.of(LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e) {
                env.problem(EnvVars.SYNC_START_DATE + " must be a date like 2024-01-31, not '" + value + "'");
                return Optional.empty();
            }
        });
        int concurrency = (int) Math.min(1000, env.positiveLong(EnvVars.SYNC_TASK_CONCURRENCY, DEFAULT_TASK_CONCURRENCY));
        return new SyncSettings(interval, full, branches, lookback, start, env.flag(EnvVars.RETAIN_DATA_ON_UNINSTALL, false),
                concurrency);
    }

    /** Where a first import's history starts. */
    public Instant historyStart(Instant now) {
        return startDate.orElse(now.minus(lookback));
    }
}
