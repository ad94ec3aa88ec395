package dev.autosync.sync;

import dev.autosync.common.Log;
import dev.autosync.common.MetricNames;
import dev.autosync.common.Metrics;
import dev.autosync.github.GitHub;
import dev.autosync.github.GitHubRejectedException;
import dev.autosync.github.GitHubUnavailableException;
import dev.autosync.github.HookDelivery;
import dev.autosync.github.Page;
import dev.autosync.store.DeliveryLedger;
import dev.autosync.store.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

/**
 * Asks GitHub to deliver again every webhook that never reached autosync: {@code GET /app/hook/deliveries}
 * (App JWT, the App's budget, not the installations') back to the previous check less an overlap, grouped
 * by GUID; a GUID with no successful attempt that the ledger has not completed gets exactly one
 * {@code POST /app/hook/deliveries/{id}/attempts} — the ledger records the request first, so neither a
 * later run nor a retried one asks twice. GitHub keeps deliveries for three days, so a first check
 * looks back that far.
 *
 * @see <a href="https://docs.github.com/en/webhooks/using-webhooks/handling-failed-webhook-deliveries">Handling failed webhook deliveries</a>
 */
final class Redeliveries {

    static final Duration GITHUB_KEEPS = Duration.ofDays(3);
    static final Duration OVERLAP = Duration.ofMinutes(5);
    private static final Log LOG = Log.of(Redeliveries.class);

    private final GitHub github;
    private final DeliveryLedger ledger;
    private final SyncState state;

    Redeliveries(GitHub github, DeliveryLedger ledger, SyncState state) {
        this.github = github;
        this.ledger = ledger;
        this.state = state;
    }

    /** @return how many deliveries were asked for again */
    int run(Work work) {
        Instant started = work.now();
        Instant since = state.hooksCheckedAt().map(t -> t.minus(OVERLAP)).orElse(started.minus(GITHUB_KEEPS));
        Map<String, List<HookDelivery>> byGuid = new LinkedHashMap<>();
        Iterator<Page<HookDelivery>> pages = github.hookDeliveries().iterator();
        boolean older = false;
        while (pages.hasNext() && !older) {
            for (HookDelivery delivery : pages.next().items()) {
                if (delivery.deliveredAt().isBefore(since)) {
                    older = true; // newest first: the rest are older still
                    continue;
                }
                byGuid.computeIfAbsent(delivery.guid(), g -> new ArrayList<>()).add(delivery);
            }
        }
        int asked = 0;
        // Oldest first, as GitHub first sent them: the processor's order guards make any order safe, but this
        // one writes each entity once instead of having older deliveries arrive as stale.
        List<Map.Entry<String, List<HookDelivery>>> guids = new ArrayList<>(byGuid.entrySet());
        guids.sort(Comparator.comparing(g -> g.getValue().stream().map(HookDelivery::deliveredAt)
                .min(Comparator.naturalOrder()).orElseThrow()));
        for (Map.Entry<String, List<HookDelivery>> guid : guids) {
            List<HookDelivery> attempts = guid.getValue();
            if (attempts.stream().anyMatch(HookDelivery::succeeded) || ledger.completed(guid.getKey())) {
                continue;
            }
            HookDelivery latest = attempts.stream().max(Comparator.comparing(HookDelivery::deliveredAt)).orElseThrow();
            if (!ledger.markRedelivered(guid.getKey(), latest.event())) {
                continue;
            }
            boolean taken = false;
            try {
                taken = github.redeliver(latest.id());
            } catch (GitHubRejectedException | GitHubUnavailableException e) {
                LOG.warn("redelivery not taken; the next run asks again", Map.of("job_id", work.jobId(),
                        "delivery", guid.getKey(), "error", e.getClass().getSimpleName()));
            } finally {
                if (!taken) {
                    ledger.unmarkRedelivered(guid.getKey());
                }
            }
            asked += taken ? 1 : 0;
        }
        state.hooksChecked(started);
        Metrics.with(Map.of()).put(MetricNames.REDELIVERIES_REQUESTED, asked, Metrics.Unit.COUNT).flush();
        if (asked > 0) {
            LOG.info("missed deliveries redelivered", Map.of("job_id", work.jobId(), "redelivered", asked));
        }
        return asked;
    }
}
