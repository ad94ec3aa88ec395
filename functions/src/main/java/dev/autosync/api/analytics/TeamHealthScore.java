package dev.autosync.api.analytics;

import dev.autosync.api.analytics.RepositoryAnalytics.Component;
import dev.autosync.api.analytics.RepositoryAnalytics.TeamHealth;
import java.util.List;

/**
 * The team-health score, 0–100: the sum of four components of up to 25 points each, every one a
 * straight line between a "worrying" and a "good" value (clamped), so a reader can recompute it:
 * <ul>
 *   <li><b>activity</b> — mean commits per week over the window: 0 → 0 points, ≥ 10 → 25.</li>
 *   <li><b>bus_factor</b> — fewest contributors covering half the window's commits: 0 → 0, 1 → 8.33,
 *       2 → 16.67, ≥ 3 → 25.</li>
 *   <li><b>issue_flow</b> — median hours to close issues closed in the window: ≤ 168 (a week) → 25,
 *       ≥ 1440 (60 days) → 0. No issue closed: 25 when none is open either, else 0.</li>
 *   <li><b>pull_flow</b> — median hours to merge pull requests merged in the window: ≤ 24 → 25,
 *       ≥ 336 (14 days) → 0. No pull request merged: 12.5 (no evidence either way).</li>
 * </ul>
 * The score is the sum rounded to the nearest whole number. openapi.yaml repeats this description.
 */
public final class TeamHealthScore {

    static final int COMPONENT_MAX = 25;

    private TeamHealthScore() {
    }

    public static TeamHealth of(double commitsPerWeek, int busFactor, Double medianHoursToClose, int openIssues,
                                Double medianHoursToMerge) {
        List<Component> components = List.of(
                new Component("activity", points(rising(commitsPerWeek, 0, 10)), COMPONENT_MAX,
                        Median.round1(commitsPerWeek), "mean commits per week: 0 -> 0 points, 10 or more -> 25"),
                new Component("bus_factor", points(rising(busFactor, 0, 3)), COMPONENT_MAX, (double) busFactor,
                        "contributors covering half the commits: 0 -> 0 points, 3 or more -> 25"),
                new Component("issue_flow", points(issueFlow(medianHoursToClose, openIssues)), COMPONENT_MAX,
                        medianHoursToClose, "median hours to close: 168 or less -> 25 points, 1440 or more -> 0; "
                        + "none closed -> 25 if none is open, else 0"),
                new Component("pull_flow", points(medianHoursToMerge == null ? 0.5 : falling(medianHoursToMerge, 24, 336)),
                        COMPONENT_MAX, medianHoursToMerge,
                        "median hours to merge: 24 or less -> 25 points, 336 or more -> 0; none merged -> 12.5"));
        double total = components.stream().mapToDouble(Component::points).sum();
        return new TeamHealth((int) Math.round(total), components);
    }

    private static double issueFlow(Double medianHoursToClose, int openIssues) {
        if (medianHoursToClose == null) {
            return openIssues == 0 ? 1 : 0;
        }
        return falling(medianHoursToClose, 168, 1440);
    }

    /** 0 at {@code low} or below, 1 at {@code high} or above. */
    private static double rising(double value, double low, double high) {
        return Math.max(0, Math.min(1, (value - low) / (high - low)));
    }

    /** 1 at {@code good} or below, 0 at {@code bad} or above. */
    private static double falling(double value, double good, double bad) {
        return 1 - rising(value, good, bad);
    }

    private static double points(double fraction) {
        return Math.round(fraction * COMPONENT_MAX * 100) / 100.0;
    }
}
