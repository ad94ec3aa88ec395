package dev.autosync.bench;

import dev.autosync.store.CommitFilter;
import dev.autosync.store.Delivery;
import dev.autosync.store.PageRequest;
import dev.autosync.store.StoreQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The proof that every acknowledged delivery was processed exactly once, from three accounts that do not
 * depend on one another: the ledger (each acknowledged GUID completed, in one attempt), the processor's log
 * (each logged processed once, nothing logged that was never sent, no failed or superseded attempt) and the
 * store's contents (every pushed commit stored).
 *
 * @param acknowledged      deliveries the gateway answered 202
 * @param completedOnce     of those, completed in the ledger by their first attempt
 * @param completedRetried  completed only after more than one attempt (processed once in effect, but retried)
 * @param notCompleted      acknowledged, yet not completed in the ledger
 * @param loggedOnce        acknowledged and logged processed exactly once
 * @param loggedTwice       GUIDs logged processed more than once
 * @param loggedUnsent      GUIDs logged processed that were never sent
 * @param processedUnacknowledged sent, not acknowledged (a timeout), yet processed: GitHub would redeliver them
 * @param troubled          failed or superseded attempts logged
 * @param commitsPushed     commits in the acknowledged pushes
 * @param commitsStored     commits the store holds for the installation's repositories
 */
record ExactlyOnce(int acknowledged, int completedOnce, int completedRetried, int notCompleted, int loggedOnce,
                   int loggedTwice, int loggedUnsent, int processedUnacknowledged, int troubled, long commitsPushed,
                   long commitsStored) {

    /** Every acknowledged delivery processed exactly once, and nothing else. */
    boolean holds() {
        return acknowledged > 0 && completedOnce == acknowledged && loggedOnce == acknowledged && loggedTwice == 0
                && loggedUnsent == 0 && troubled == 0 && commitsStored == commitsPushed;
    }

    String describe() {
        return String.format(java.util.Locale.ROOT, "%s: %,d acknowledged; ledger: %,d completed in one attempt, %,d"
                        + " after retries, %,d not completed; processor log: %,d processed once, %,d more than once, %,d never"
                        + " sent, %,d failed or superseded attempts; %,d sent but unacknowledged yet processed; store: %,d of"
                        + " %,d pushed commits", holds() ? "HOLDS" : "FAILS", acknowledged, completedOnce, completedRetried,
                notCompleted, loggedOnce, loggedTwice, loggedUnsent, troubled, processedUnacknowledged, commitsStored,
                commitsPushed);
    }

    static ExactlyOnce check(StoreQueries store, LoadDeliveries deliveries, ProcessedLog log) throws Exception {
        Set<String> acknowledged = deliveries.acknowledged();
        Set<String> sent = deliveries.sent();
        Map<String, Integer> logged = log.processed();
        int[] ledger = ledger(store, acknowledged);
        int loggedOnce = 0;
        for (String guid : acknowledged) {
            if (logged.getOrDefault(guid, 0) == 1) {
                loggedOnce++;
            }
        }
        int twice = (int) logged.values().stream().filter(times -> times > 1).count();
        int unsent = (int) logged.keySet().stream().filter(guid -> !sent.contains(guid)).count();
        int unacknowledged = (int) logged.keySet().stream().filter(guid -> sent.contains(guid) && !acknowledged.contains(guid))
                .count();
        return new ExactlyOnce(acknowledged.size(), ledger[0], ledger[1], ledger[2], loggedOnce, twice, unsent,
                unacknowledged, log.troubled(), deliveries.acknowledgedCommits(), commitsStored(store));
    }

    /** {completed in one attempt, completed after more, not completed}, read with a few parallel GetItems. */
    private static int[] ledger(StoreQueries store, Set<String> guids) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4, LoadDeliveries.daemon());
        try {
            List<Future<Optional<Delivery>>> reads = new ArrayList<>();
            for (String guid : guids) {
                reads.add(pool.submit(() -> store.delivery(guid)));
            }
            int[] counts = new int[3];
            for (Future<Optional<Delivery>> read : reads) {
                Optional<Delivery> delivery = read.get().filter(d -> d.status() == Delivery.Status.COMPLETED);
                counts[delivery.isEmpty() ? 2 : delivery.get().attempts() == 1 ? 0 : 1]++;
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long commitsStored(StoreQueries store) {
        long stored = 0;
        for (long repository : LoadDeliveries.REPOSITORIES) {
            PageRequest page = PageRequest.first(1000);
            while (true) {
                var commits = store.commits(repository, CommitFilter.none(), page);
                stored += commits.items().size();
                if (commits.next().isEmpty()) {
                    break;
                }
                page = new PageRequest(1000, commits.next());
            }
        }
        return stored;
    }
}
