package dev.autosync.api.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A repository's analytics over a window of days, as the api returns it (snake_case).
 *
 * @param medianHoursToCloseIssues over issues closed within the window; null when none was
 * @param medianHoursToMergePulls  over pull requests merged within the window; null when none was
 */
public record RepositoryAnalytics(
        @JsonProperty("window_days") int windowDays,
        @JsonProperty("generated_at") Instant generatedAt,
        @JsonProperty("commits_per_week") List<WeekCount> commitsPerWeek,
        @JsonProperty("total_commits") int totalCommits,
        @JsonProperty("active_contributors_30d") int activeContributors30d,
        @JsonProperty("bus_factor") int busFactor,
        @JsonProperty("open_issues") OpenIssues openIssues,
        @JsonProperty("median_hours_to_close_issues") Double medianHoursToCloseIssues,
        @JsonProperty("median_hours_to_merge_pulls") Double medianHoursToMergePulls,
        @JsonProperty("team_health") TeamHealth teamHealth) {

    /** Commits in the ISO week (Monday to Sunday, UTC) starting on {@code weekStart}. */
    public record WeekCount(@JsonProperty("week_start") LocalDate weekStart, @JsonProperty("commits") int commits) {
    }

    /** Issues open now and how long they have been open, in days (null ages when none is open). */
    public record OpenIssues(@JsonProperty("count") int count,
                             @JsonProperty("median_age_days") Double medianAgeDays,
                             @JsonProperty("oldest_age_days") Double oldestAgeDays) {
    }

    /** The 0–100 score and the components it is the sum of. */
    public record TeamHealth(@JsonProperty("score") int score, @JsonProperty("components") List<Component> components) {
    }

    /**
     * One component of the score.
     *
     * @param value the measured figure the points come from (null when there was nothing to measure)
     */
    public record Component(@JsonProperty("name") String name, @JsonProperty("points") double points,
                            @JsonProperty("max_points") int maxPoints, @JsonProperty("value") Double value,
                            @JsonProperty("rule") String rule) {
    }
}
