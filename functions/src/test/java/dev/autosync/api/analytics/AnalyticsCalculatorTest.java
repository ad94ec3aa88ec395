package dev.autosync.api.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.autosync.api.analytics.Facts.CommitFact;
import dev.autosync.api.analytics.RepositoryAnalytics.Component;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expected figure below was computed by hand from {@link HandComputedFixture}; the comments show the working. */
class AnalyticsCalculatorTest {

    @Test
    void handComputedFixture_givesTheExpectedFigures() {
        RepositoryAnalytics result = AnalyticsCalculator.compute(HandComputedFixture.NOW, HandComputedFixture.WINDOW,
                HandComputedFixture.COMMITS, HandComputedFixture.ISSUES, HandComputedFixture.PULLS);

        // Weeks from Monday 2024-05-06 (the window start's week) to Monday 2024-06-03.
        assertEquals(List.of(week("2024-05-06", 2), week("2024-05-13", 2), week("2024-05-20", 1),
                week("2024-05-27", 1), week("2024-06-03", 2)), result.commitsPerWeek());
        assertEquals(8, result.totalCommits());
        assertEquals(4, result.activeContributors30d());
        assertEquals(1, result.busFactor()); // alice alone has 4 of 8
        assertEquals(3, result.openIssues().count());
        assertEquals(10.0, result.openIssues().medianAgeDays());
        assertEquals(30.0, result.openIssues().oldestAgeDays());
        assertEquals(48.0, result.medianHoursToCloseIssues()); // (24 + 72) / 2
        assertEquals(12.0, result.medianHoursToMergePulls()); // 6, 12, 48
    }

    @Test
    void teamHealth_isTheSumOfItsDocumentedComponents() {
        RepositoryAnalytics result = AnalyticsCalculator.compute(HandComputedFixture.NOW, HandComputedFixture.WINDOW,
                HandComputedFixture.COMMITS, HandComputedFixture.ISSUES, HandComputedFixture.PULLS);

        List<Component> components = result.teamHealth().components();
        assertEquals(5.0, points(components, "activity")); // 8 commits / 4 weeks = 2 per week -> 2/10 of 25
        assertEquals(8.33, points(components, "bus_factor")); // 1/3 of 25
        assertEquals(25.0, points(components, "issue_flow")); // 48 h <= 168 h
        assertEquals(25.0, points(components, "pull_flow")); // 12 h <= 24 h
        assertEquals(63, result.teamHealth().score()); // 63.33 rounded
    }

    @Test
    void busFactor_countsFewestContributorsCoveringHalf() {
        // 3 + 3 + 2 + 2 = 10: the first two cover 6 >= 5.
        List<CommitFact> commits = List.of(commit("a", "2024-06-01T00:00:00Z"), commit("a", "2024-06-01T00:00:00Z"),
                commit("a", "2024-06-01T00:00:00Z"), commit("b", "2024-06-01T00:00:00Z"),
                commit("b", "2024-06-01T00:00:00Z"), commit("b", "2024-06-01T00:00:00Z"),
                commit("c", "2024-06-01T00:00:00Z"), commit("c", "2024-06-01T00:00:00Z"),
                commit("d", "2024-06-01T00:00:00Z"), commit("d", "2024-06-01T00:00:00Z"));

        assertEquals(2, AnalyticsCalculator.busFactor(commits));
        assertEquals(0, AnalyticsCalculator.busFactor(List.of()));
    }

    @Test
    void emptyRepository_scoresOnlyTheNeutralComponents() {
        RepositoryAnalytics result = AnalyticsCalculator.compute(HandComputedFixture.NOW, HandComputedFixture.WINDOW,
                List.of(), List.of(), List.of());

        assertEquals(0, result.totalCommits());
        assertNull(result.medianHoursToCloseIssues());
        assertNull(result.openIssues().medianAgeDays());
        // activity 0 + bus factor 0 + issue flow 25 (nothing open) + pull flow 12.5 (no evidence) = 37.5 -> 38
        assertEquals(38, result.teamHealth().score());
    }

    private static double points(List<Component> components, String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().points();
    }

    private static CommitFact commit(String author, String at) {
        return new CommitFact(author, Instant.parse(at));
    }



    private static RepositoryAnalytics.WeekCount week(String monday, int commits) {
        return new RepositoryAnalytics.WeekCount(LocalDate.parse(monday), commits);
    }
}
