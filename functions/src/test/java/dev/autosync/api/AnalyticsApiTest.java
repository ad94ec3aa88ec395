package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.api.analytics.Facts.CommitFact;
import dev.autosync.api.analytics.Facts.IssueFact;
import dev.autosync.api.analytics.Facts.PullFact;
import dev.autosync.api.analytics.HandComputedFixture;
import dev.autosync.store.Repository;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hand-computed analytics fixture, written through the store's writers and read back over HTTP: the
 * api must give the same figures as the calculator on the facts (guards against lost or double-read
 * pages, wrong windows, or issues and pull requests read from the wrong index).
 */
@ExtendWith(AwsStandIns.class)
class AnalyticsApiTest {

    private static final String PATH = "/api/repositories/3001/analytics";

    private ApiTestbed api;

    @BeforeEach
    void seed(AwsFixture aws) {
        Clock clock = Clock.fixed(HandComputedFixture.NOW, ZoneOffset.UTC);
        api = new ApiTestbed(aws, clock);
        ApiSeed seed = new ApiSeed(aws, api.resources.tableName(), clock);
        seed.installation(300, "fixture-org", "Organization");
        Repository repository = seed.repository(3001, 300, "fixture-org/service");
        int sha = 0;
        for (CommitFact commit : HandComputedFixture.COMMITS) {
            seed.commit(repository, "f" + sha++, commit.author(), commit.author(), commit.author() + "@example.com",
                    commit.committedAt(), "main");
        }
        int number = 1;
        for (IssueFact issue : HandComputedFixture.ISSUES) {
            seed.issue(3001, number++, issue.createdAt(), issue.closedAt().orElse(null));
        }
        number = 1;
        for (PullFact pull : HandComputedFixture.PULLS) {
            seed.pull(3001, number++, pull.createdAt(), pull.mergedAt().orElse(null));
        }
    }

    @Test
    void analytics_overHttp_matchTheHandComputedFigures() {
        JsonNode body = api.get(PATH, Map.of("days", String.valueOf(HandComputedFixture.WINDOW))).json();

        assertEquals(3001, body.get("github_id").asLong());
        assertEquals("fixture-org/service", body.get("full_name").asText());
        List<Integer> weekly = new ArrayList<>();
        body.get("commits_per_week").forEach(week -> weekly.add(week.get("commits").asInt()));
        assertEquals(List.of(2, 2, 1, 1, 2), weekly);
        assertEquals("2024-05-06", body.get("commits_per_week").get(0).get("week_start").asText());
        assertEquals(8, body.get("total_commits").asInt());
        assertEquals(4, body.get("active_contributors_30d").asInt());
        assertEquals(1, body.get("bus_factor").asInt());
        assertEquals(3, body.get("open_issues").get("count").asInt());
        assertEquals(10.0, body.get("open_issues").get("median_age_days").asDouble());
        assertEquals(48.0, body.get("median_hours_to_close_issues").asDouble());
        assertEquals(12.0, body.get("median_hours_to_merge_pulls").asDouble());
        assertEquals(63, body.get("team_health").get("score").asInt());
        assertEquals(4, body.get("team_health").get("components").size());
    }

    @Test
    void days_defaultsTo90_andMustBe7To365() {
        assertEquals(90, api.get(PATH + "/").json().get("window_days").asInt());
        for (String bad : new String[] {"6", "366", "ninety", "-1"}) {
            ApiTestbed.Reply reply = api.get(PATH, Map.of("days", bad));
            assertEquals(400, reply.status(), bad);
            assertTrue(reply.json().get("message").asText().startsWith("days:"), reply.body());
        }
        assertEquals(404, api.get("/api/repositories/3002/analytics").status());
    }
}
