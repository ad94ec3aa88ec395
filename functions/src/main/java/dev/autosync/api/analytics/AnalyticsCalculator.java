package dev.autosync.api.analytics;

import dev.autosync.api.analytics.Facts.CommitCount;
import dev.autosync.api.analytics.Facts.CommitFact;
import dev.autosync.api.analytics.Facts.IssueFact;
import dev.autosync.api.analytics.Facts.PullFact;
import dev.autosync.api.analytics.RepositoryAnalytics.OpenIssues;
import dev.autosync.api.analytics.RepositoryAnalytics.WeekCount;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Computes {@link RepositoryAnalytics} from facts; pure, so tests check it on hand-computed fixtures. */
public final class AnalyticsCalculator {

    /** "Active" contributors are those with a commit in this many days, whatever the window. */
    public static final int ACTIVE_DAYS = 30;

    private static final double HOUR_SECONDS = 3600.0;
    private static final double DAY_SECONDS = 86_400.0;

    private AnalyticsCalculator() {
    }

    /** The earliest commit time the calculation needs for a window of {@code windowDays}. */
    public static Instant commitsSince(Instant now, int windowDays) {
        return now.minus(Duration.ofDays(Math.max(windowDays, ACTIVE_DAYS)));
    }

    /**
     * @param commits commits since {@link #commitsSince}
     * @param issues  every open issue plus those closed in the window
     * @param pulls   pull requests merged in the window (others are ignored)
     */
    public static RepositoryAnalytics compute(Instant now, int windowDays, List<CommitFact> commits,
                                              List<IssueFact> issues, List<PullFact> pulls) {
        return computeFromCounts(now, windowDays,
                commits.stream().map(c -> new CommitCount(c.author(), c.committedAt(), 1)).toList(), issues, pulls,
                openIssues(now, issues));
    }

    /**
     * As {@link #compute}, with commits already counted (per author and day, as the store keeps them).
     *
     * @param commits commits since {@link #commitsSince}
     * @param issues  issues closed in the window (open ones are summed up in {@code open})
     * @param open    the open issues (see {@link #openIssues(Instant, long, List, Optional)})
     */
    public static RepositoryAnalytics computeFromCounts(Instant now, int windowDays, List<CommitCount> commits,
                                                        List<IssueFact> issues, List<PullFact> pulls, OpenIssues open) {
        Instant windowStart = now.minus(Duration.ofDays(windowDays));
        List<CommitCount> inWindow = commits.stream().filter(c -> !c.from().isBefore(windowStart)).toList();
        long total = inWindow.stream().mapToLong(CommitCount::commits).sum();
        Instant activeSince = now.minus(Duration.ofDays(ACTIVE_DAYS));
        int active = (int) commits.stream().filter(c -> c.commits() > 0 && !c.from().isBefore(activeSince))
                .map(CommitCount::author).distinct().count();
        int busFactor = busFactorOfCounts(inWindow);
        List<Double> closeHours = issues.stream()
                .filter(i -> i.closedAt().isPresent() && !i.closedAt().get().isBefore(windowStart))
                .map(i -> hours(i.createdAt(), i.closedAt().get())).toList();
        List<Double> mergeHours = pulls.stream()
                .filter(p -> p.mergedAt().isPresent() && !p.mergedAt().get().isBefore(windowStart))
                .map(p -> hours(p.createdAt(), p.mergedAt().get())).toList();
        Double medianClose = Median.of(closeHours).map(Median::round1).orElse(null);
        Double medianMerge = Median.of(mergeHours).map(Median::round1).orElse(null);
        double perWeek = total / (windowDays / 7.0);
        return new RepositoryAnalytics(windowDays, now, weeks(windowStart, now, inWindow), (int) total, active,
                busFactor, open, medianClose, medianMerge,
                TeamHealthScore.of(perWeek, busFactor, medianClose, open.count(), medianMerge));
    }

    /** Fewest contributors whose commits together make at least half of all commits (0 when none). */
    static int busFactor(List<CommitFact> commits) {
        return busFactorOfCounts(commits.stream().map(c -> new CommitCount(c.author(), c.committedAt(), 1)).toList());
    }

    private static int busFactorOfCounts(List<CommitCount> commits) {
        Map<String, Long> perAuthor = new HashMap<>();
        commits.forEach(c -> perAuthor.merge(c.author(), c.commits(), Long::sum));
        long total = commits.stream().mapToLong(CommitCount::commits).sum();
        List<Long> counts = new ArrayList<>(perAuthor.values());
        counts.sort(Comparator.reverseOrder());
        long covered = 0;
        for (int i = 0; i < counts.size(); i++) {
            covered += counts.get(i);
            if (covered * 2 >= total) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * Open issues from what is known of them without reading them all: their count, the creation times of
     * the one or two in the middle by creation (their ages' mean is the median age) and of the oldest.
     */
    public static OpenIssues openIssues(Instant now, long count, List<Instant> middle, Optional<Instant> oldest) {
        Optional<Double> median = Median.of(middle.stream().map(at -> age(now, at)).toList());
        return new OpenIssues((int) count, median.map(Median::round1).orElse(null),
                oldest.map(at -> Median.round1(age(now, at))).orElse(null));
    }

    private static double age(Instant now, Instant created) {
        return Duration.between(created, now).toSeconds() / DAY_SECONDS;
    }

    private static OpenIssues openIssues(Instant now, List<IssueFact> issues) {
        List<Double> ages = issues.stream().filter(IssueFact::open)
                .map(i -> Duration.between(i.createdAt(), now).toSeconds() / DAY_SECONDS).toList();
        Optional<Double> oldest = ages.stream().max(Double::compare);
        return new OpenIssues(ages.size(), Median.of(ages).map(Median::round1).orElse(null),
                oldest.map(Median::round1).orElse(null));
    }

    /** Every ISO week touching the window, oldest first, including weeks without commits. */
    private static List<WeekCount> weeks(Instant windowStart, Instant now, List<CommitCount> commits) {
        TreeMap<LocalDate, Integer> counts = new TreeMap<>();
        for (LocalDate week = monday(windowStart); !week.isAfter(monday(now)); week = week.plusWeeks(1)) {
            counts.put(week, 0);
        }
        commits.forEach(c -> counts.merge(monday(c.from()), (int) c.commits(), Integer::sum));
        return counts.entrySet().stream().map(e -> new WeekCount(e.getKey(), e.getValue())).toList();
    }

    private static LocalDate monday(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() / HOUR_SECONDS;
    }
}
