package dev.autosync.api;

import dev.autosync.store.Repository;
import dev.autosync.store.SyncJob.Status;
import dev.autosync.store.SyncJob.Type;
import java.time.Duration;
import java.time.Instant;

/**
 * A small, plausible organisation for the contract and browser tests: two installations, three
 * repositories (two synced in the last 30 minutes, one two hours ago: 66.6 % coverage, so degraded),
 * ten weeks of commits by four people, issues, pull requests and a job history.
 */
final class DemoData {

    static final long API_REPO = 1001;
    static final String API_REPO_NAME = "octo-org/api";

    private DemoData() {
    }

    static void seed(ApiSeed seed, Instant now) {
        seed.installation(100, "octo-org", "Organization");
        seed.installation(200, "solo", "User");
        Repository api = seed.repository(API_REPO, 100, API_REPO_NAME);
        Repository web = seed.repository(1002, 100, "octo-org/web");
        seed.repository(2001, 200, "solo/dotfiles");
        seed.synced(API_REPO, now.minus(Duration.ofMinutes(5)));
        seed.synced(web.githubId(), now.minus(Duration.ofMinutes(20)));
        seed.synced(2001, now.minus(Duration.ofHours(2)));
        String[] authors = {"alice", "bob", "alice", "dana", "alice", "bob"};
        for (int day = 1; day <= 70; day += 2) {
            String login = authors[(day / 2) % authors.length];
            seed.commit(api, "a" + day, login, capitalised(login), login + "@example.com", daysAgo(now, day), "main");
        }
        seed.commit(api, "e1", null, "Carol", "carol@example.com", daysAgo(now, 3), "feature");
        seed.commit(web, "w1", "bob", "Bob", "bob@example.com", daysAgo(now, 4), "main");
        for (int n = 1; n <= 6; n++) {
            seed.issue(API_REPO, n, daysAgo(now, 40 - 5 * n), n % 3 == 0 ? null : daysAgo(now, 38 - 5 * n));
            seed.pull(API_REPO, n, daysAgo(now, 30 - 4 * n), n == 6 ? null : daysAgo(now, 30 - 4 * n).plus(Duration.ofHours(5 * n)));
        }
        seed.job("job-periodic-1", Type.PERIODIC_SYNC, Status.COMPLETED, null, now.minus(Duration.ofMinutes(10)));
        seed.job("job-periodic-0", Type.PERIODIC_SYNC, Status.COMPLETED, null, now.minus(Duration.ofMinutes(25)));
        seed.job("job-manual-1", Type.MANUAL_SYNC, Status.FAILED, 100L, now.minus(Duration.ofMinutes(40)));
        seed.job("job-import-1", Type.AUTO_IMPORT, Status.COMPLETED, 100L, now.minus(Duration.ofDays(2)));
        seed.job("job-import-2", Type.AUTO_IMPORT, Status.COMPLETED_WITH_ERRORS, 200L, now.minus(Duration.ofDays(2)));
        seed.job("job-webhook-1", Type.WEBHOOK_TRIGGERED, Status.PENDING, 100L, now.minus(Duration.ofMinutes(1)));
    }

    private static Instant daysAgo(Instant now, int days) {
        return now.minus(Duration.ofDays(days));
    }

    private static String capitalised(String login) {
        return Character.toUpperCase(login.charAt(0)) + login.substring(1);
    }
}
