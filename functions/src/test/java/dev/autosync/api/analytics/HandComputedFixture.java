package dev.autosync.api.analytics;

import dev.autosync.api.analytics.Facts.CommitFact;
import dev.autosync.api.analytics.Facts.IssueFact;
import dev.autosync.api.analytics.Facts.PullFact;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A repository's history small enough to compute its analytics by hand (see AnalyticsCalculatorTest for
 * the working); the api test seeds the same history through the store and expects the same figures.
 */
public final class HandComputedFixture {

    public static final Instant NOW = Instant.parse("2024-06-05T12:00:00Z"); // a Wednesday
    public static final int WINDOW = 28; // window starts 2024-05-08T12:00Z

    public static final List<CommitFact> COMMITS = List.of(
            commit("alice", "2024-05-07T10:00:00Z"), // before the window, inside the 30 active days
            commit("alice", "2024-05-09T10:00:00Z"), commit("alice", "2024-05-10T10:00:00Z"),
            commit("alice", "2024-05-21T10:00:00Z"), commit("alice", "2024-06-04T10:00:00Z"),
            commit("bob", "2024-05-14T10:00:00Z"), commit("bob", "2024-05-28T10:00:00Z"),
            commit("carol", "2024-06-03T10:00:00Z"),
            commit("dave", "2024-05-15T10:00:00Z"));

    public static final List<IssueFact> ISSUES = List.of(
            new IssueFact(Instant.parse("2024-06-01T12:00:00Z"), Optional.empty(), true), // 4 days old
            new IssueFact(Instant.parse("2024-05-26T12:00:00Z"), Optional.empty(), true), // 10 days
            new IssueFact(Instant.parse("2024-05-06T12:00:00Z"), Optional.empty(), true), // 30 days
            closed("2024-05-10T00:00:00Z", "2024-05-11T00:00:00Z"), // 24 h
            closed("2024-05-12T00:00:00Z", "2024-05-15T00:00:00Z"), // 72 h
            closed("2024-04-01T00:00:00Z", "2024-05-01T00:00:00Z")); // closed before the window: ignored

    public static final List<PullFact> PULLS = List.of(
            merged("2024-05-20T00:00:00Z", "2024-05-20T06:00:00Z"), // 6 h
            merged("2024-05-21T00:00:00Z", "2024-05-23T00:00:00Z"), // 48 h
            merged("2024-05-22T00:00:00Z", "2024-05-22T12:00:00Z"), // 12 h
            new PullFact(Instant.parse("2024-05-30T00:00:00Z"), Optional.empty(), true));

    private HandComputedFixture() {
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
}
