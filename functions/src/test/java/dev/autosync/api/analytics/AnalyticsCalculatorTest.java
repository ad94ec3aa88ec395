package dev.autosync.api.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.autosync.api.analytics.Facts.CommitFact;
import dev.autosync.api.analytics.Facts.IssueFact;
import dev.autosync.api.analytics.Facts.PullFact;
import dev.autosync.api.analytics.RepositoryAnalytics.Component;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every expected figure below was computed by hand from the fixture; the comments show the working. */
class AnalyticsCalculatorTest {

    private static final Instant NOW = Instant.parse("2024-06-05T12:00:00Z"); // a Wednesday
    private static final int WINDOW = 28; // window starts 2024-05-08T12:00Z

    private static final List<CommitFact> COMMITS = List.of(
            commit("alice", "2024-05-07T10:00:00Z"), // before the window, inside the 30 active days
            commit("alice", "2024-05-09T10:00:00Z"), commit("alice", "2024-05-10T10:00:00Z"),
            commit("alice", "2024-05-21T10:00:00Z"), commit("alice", "2024-06-04T10:00:00Z"),
            commit("bob", "2024-05-14T10:00:00Z"), commit("bob", "2024-05-28T10:00:00Z"),
            commit("carol", "2024-06-03T10:00:00Z"),
            commit("dave", "2024-05-15T10:00:00Z"));

    private static final List<IssueFact> ISSUES = List.of(
            new IssueFact(Instant.parse("2024-06-01T12:00:00Z"), Optional.empty(), true), // 4 days old
            new IssueFact(Instant.parse("2024-05-26T12:00:00Z"), Optional.empty(), true), // 10 days
            new IssueFact(Instant.parse("2024-05-06T12:00:00Z"), Optional.empty(), true), // 30 days
            closed("2024-05-10T00:00:00Z", "2024-05-11T00:00:00Z"), // 24 h
            closed("2024-05-12T00:00:00Z", "2024-05-15T00:00:00Z"), // 72 h
            closed("2024-04-01T00:00:00Z", "2024-05-01T00:00:00Z")); // closed before the window: ignored

    private static final List<PullFact> PULLS = List.of(
            merged("2024-05-20T00:00:00Z", "2024-05-20T06:00:00Z"), // 6 h
            merged("2024-05-21T00:00:00Z", "2024-05-23T00:00:00Z"), // 48 h
            merged("2024-05-22T00:00:00Z", "2024-05-22T12:00:00Z"), // 12 h
            new PullFact(Instant.parse("2024-05-30T00:00:00Z"), Optional.empty(), true));

    @Test
    void handComputedFixture_givesTheExpectedFigures() {
        RepositoryAnalytics result = AnalyticsCalculator.compute(NOW, WINDOW, COMMITS, ISSUES, PULLS);

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
        RepositoryAnalytics result = AnalyticsCalculator.compute(NOW, WINDOW, COMMITS, ISSUES, PULLS);

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
        RepositoryAnalytics result = AnalyticsCalculator.compute(NOW, WINDOW, List.of(), List.of(), List.of());

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

    private static IssueFact closed(String created, String closed) {
        return new IssueFact(Instant.parse(created), Optional.of(Instant.parse(closed)), false);
    }

    private static PullFact merged(String created, String merged) {
        return new PullFact(Instant.parse(created), Optional.of(Instant.parse(merged)), false);
    }

    private static RepositoryAnalytics.WeekCount week(String monday, int commits) {
        return new RepositoryAnalytics.WeekCount(LocalDate.parse(monday), commits);
    }
}
