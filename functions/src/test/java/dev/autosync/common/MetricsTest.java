package dev.autosync.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.testing.CapturedLines;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @AfterEach
    void restore() {
        Metrics.useClock(Clock.systemUTC());
        Metrics.resetNamespace();
        Invocation.reset();
    }

    /** Checks a line against the EMF specification's rules this writer must keep. */
    static void assertValidEmf(JsonNode line) {
        JsonNode aws = line.path("_aws");
        assertTrue(aws.path("Timestamp").isIntegralNumber(), "Timestamp in epoch milliseconds: " + line);
        JsonNode directives = aws.path("CloudWatchMetrics");
        assertEquals(1, directives.size(), line.toString());
        JsonNode directive = directives.get(0);
        assertEquals(Metrics.namespace(), directive.path("Namespace").asText());
        Set<String> dimensions = new HashSet<>();
        for (JsonNode set : directive.path("Dimensions")) {
            assertTrue(set.size() <= 30, "at most 30 dimensions per set");
            set.forEach(name -> dimensions.add(name.asText()));
        }
        assertTrue(directive.path("Dimensions").isArray() && directive.path("Dimensions").size() >= 1);
        for (String dimension : dimensions) {
            assertTrue(line.path(dimension).isTextual(), "dimension " + dimension + " has a string value: " + line);
        }
        assertTrue(directive.path("Metrics").size() >= 1, line.toString());
        for (JsonNode metric : directive.path("Metrics")) {
            String name = metric.path("Name").asText();
            assertTrue(line.path(name).isNumber(), "metric " + name + " has a number value: " + line);
            assertTrue(Set.of("Count", "None", "Milliseconds", "Seconds").contains(metric.path("Unit").asText()));
            assertFalse(dimensions.contains(name));
        }
    }

    @Test
    void aLine_isOneEmfDocumentNamingEveryMetricAndDimensionItHolds() {
        Metrics.useClock(Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC));
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("type", "periodic_sync");
        dimensions.put("status", "completed");
        try (CapturedLines out = new CapturedLines()) {
            Metrics.with(dimensions).put("SyncJobs", 1, Metrics.Unit.COUNT)
                    .put("RepositoriesSynced", 7, Metrics.Unit.COUNT).put("Latency", 12.5, Metrics.Unit.MILLISECONDS).flush();

            List<JsonNode> lines = out.lines();
            assertEquals(1, lines.size());
            JsonNode line = lines.get(0);
            assertValidEmf(line);
            JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
            assertEquals(Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli(), line.path("_aws").path("Timestamp").asLong());
            assertEquals("[[\"status\",\"type\"]]", directive.path("Dimensions").toString());
            assertEquals("[{\"Name\":\"SyncJobs\",\"Unit\":\"Count\"},{\"Name\":\"RepositoriesSynced\",\"Unit\":\"Count\"},"
                    + "{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]", directive.path("Metrics").toString());
            assertEquals("periodic_sync", line.path("type").asText());
            assertEquals("completed", line.path("status").asText());
            assertEquals(1, line.path("SyncJobs").asLong());
            assertEquals(7, line.path("RepositoriesSynced").asLong());
            assertEquals(12.5, line.path("Latency").asDouble());
        }
    }

    // The alarms on SyncJobs {status=failed} and {type=periodic_sync} match a metric only when its dimensions
    // are exactly those: without the rollup sets in the same line they would never fire.
    @Test
    void rollups_addDimensionSetsToTheSameLine_afterTheFullSet() {
        Map<String, String> dimensions = Map.of(MetricNames.TYPE, "periodic_sync", MetricNames.STATUS, "failed");
        try (CapturedLines out = new CapturedLines()) {
            Metrics.with(dimensions).rollup(List.of(MetricNames.TYPE)).rollup(List.of(MetricNames.STATUS))
                    .rollup(List.of(MetricNames.TYPE)).put(MetricNames.SYNC_JOBS, 1, Metrics.Unit.COUNT).flush();

            JsonNode line = out.lines().get(0);
            assertValidEmf(line);
            assertEquals("[[\"status\",\"type\"],[\"type\"],[\"status\"]]",
                    line.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString(), "each set once");
            assertEquals("periodic_sync", line.path("type").asText());
            assertEquals("failed", line.path("status").asText());
        }
    }

    @Test
    void aRollupOfANameThatIsNoDimension_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.with(Map.of(MetricNames.TYPE, "manual_sync")).rollup(List.of(MetricNames.STATUS)));
    }

    @Test
    void aProperty_isAFieldOfTheLine_neitherMetricNorDimension() {
        try (CapturedLines out = new CapturedLines()) {
            Metrics.with(Map.of(MetricNames.RESOURCE, "core")).put(MetricNames.GITHUB_RATE_LIMIT_REMAINING, 4999, Metrics.Unit.NONE)
                    .property("installation_id", 42L).flush();

            JsonNode line = out.lines().get(0);
            assertValidEmf(line);
            assertEquals(42, line.path("installation_id").asLong());
            JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
            assertEquals("[[\"resource\"]]", directive.path("Dimensions").toString());
            assertEquals(1, directive.path("Metrics").size());
        }
        assertThrows(IllegalArgumentException.class, () -> Metrics.with(Map.of(MetricNames.RESOURCE, "core"))
                .property(MetricNames.RESOURCE, "x"));
        assertThrows(IllegalArgumentException.class, () -> Metrics.with(Map.of()).property("p", 1)
                .put("p", 1, Metrics.Unit.COUNT));
    }

    @Test
    void theNamespace_isTheConfiguredOne_elseAutosync() {
        Metrics.configure(new Env(Map.of()));
        assertEquals("autosync", Metrics.namespace());

        Metrics.configure(new Env(Map.of(EnvVars.AUTOSYNC_METRICS_NAMESPACE, "autosync-staging")));
        try (CapturedLines out = new CapturedLines()) {
            Metrics.count(MetricNames.SIGNATURE_FAILURES, Map.of());
            JsonNode line = out.lines().get(0);
            assertValidEmf(line);
            assertEquals("autosync-staging", line.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText());
        }
    }

    @Test
    void aMalformedNamespace_isAConfigurationProblemNamingTheVariable_andChangesNothing() {
        for (String value : List.of("AWS/Lambda", "x".repeat(256), "tab\there")) {
            Env env = new Env(Map.of(EnvVars.AUTOSYNC_METRICS_NAMESPACE, value));
            Metrics.configure(env);
            ConfigurationException e = assertThrows(ConfigurationException.class, env::validate);
            assertTrue(e.getMessage().contains(EnvVars.AUTOSYNC_METRICS_NAMESPACE), e.getMessage());
            assertEquals("autosync", Metrics.namespace());
        }
    }

    @Test
    void seconds_isAUnit() {
        try (CapturedLines out = new CapturedLines()) {
            Metrics.with(Map.of()).put(MetricNames.SYNC_TASK_DELAY, 12, Metrics.Unit.SECONDS).flush();
            JsonNode line = out.lines().get(0);
            assertValidEmf(line);
            assertEquals("Seconds", line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Unit").asText());
        }
    }

    @Test
    void aMetricWithoutDimensions_hasOneEmptyDimensionSet() {
        try (CapturedLines out = new CapturedLines()) {
            Metrics.count("SignatureFailures", Map.of());
            JsonNode line = out.lines().get(0);
            assertValidEmf(line);
            assertEquals("[[]]", line.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString());
        }
    }

    @Test
    void nothingIsPrinted_forALineWithoutMetrics_orACountOfZero() {
        try (CapturedLines out = new CapturedLines()) {
            Metrics.with(Map.of("a", "b")).flush();
            Metrics.count("Nothing", 0, Map.of());
            assertEquals(List.of(), out.lines());
        }
    }

    @Test
    void aMetricNamedLikeADimension_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.with(Map.of("event", "push")).put("event", 1, Metrics.Unit.COUNT));
    }

    @Test
    void dimensionValues_areBoundedToTheirAllowList() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(Metrics.event("attacker-chosen-" + i));
        }
        seen.add(Metrics.event(null));
        seen.add(Metrics.event(""));
        assertEquals(Set.of("other"), seen);
        assertEquals("push", Metrics.event("push"));
        assertEquals("pull_request", Metrics.event("pull_request"));
        assertEquals("other", Metrics.bounded("PUSH", Set.of("push")));

        List<String> classes = new ArrayList<>();
        for (int status : new int[] {200, 202, 301, 404, 429, 503, 0, 42, 600, -1}) {
            classes.add(Metrics.statusClass(status));
        }
        assertEquals(List.of("2xx", "2xx", "3xx", "4xx", "4xx", "5xx", "other", "other", "other", "other"), classes);
    }

    @Test
    void anEmptyOrNullDimensionValue_isOther() {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("route", null);
        dimensions.put("status", "");
        try (CapturedLines out = new CapturedLines()) {
            Metrics.count("ApiRequests", dimensions);
            JsonNode line = out.lines().get(0);
            assertValidEmf(line);
            assertEquals("other", line.path("route").asText());
            assertEquals("other", line.path("status").asText());
        }
    }

    @Test
    void everyLine_carriesTheRequestIdAndTheColdStartFlag() {
        Invocation.reset();
        Log log = Log.of(MetricsTest.class);
        try (CapturedLines out = new CapturedLines()) {
            log.info("init", Map.of());
            Invocation.start(context("req-1"));
            log.info("first", Map.of());
            Metrics.count("Events", Map.of("event", "push", "outcome", "processed"));
            Invocation.start(context("req-2"));
            log.warn("second", Map.of("k", "v"));
            Metrics.count("Events", Map.of("event", "push", "outcome", "processed"));
            Invocation.start(null);
            log.error("local", Map.of());

            List<JsonNode> lines = out.lines();
            assertEquals(6, lines.size());
            assertTrue(lines.get(0).path("cold_start").asBoolean(), "init is part of the cold start");
            assertTrue(lines.get(0).path("request_id").isMissingNode());
            for (JsonNode line : lines.subList(1, 3)) {
                assertEquals("req-1", line.path("request_id").asText(), line.toString());
                assertTrue(line.path("cold_start").asBoolean(), line.toString());
            }
            for (JsonNode line : lines.subList(3, 5)) {
                assertEquals("req-2", line.path("request_id").asText(), line.toString());
                assertTrue(line.path("cold_start").isBoolean() && !line.path("cold_start").asBoolean(), line.toString());
            }
            assertTrue(lines.get(5).path("request_id").isMissingNode(), "no Context, no request id");
            assertFalse(lines.get(5).path("cold_start").asBoolean());
            assertValidEmf(lines.get(2));
            assertValidEmf(lines.get(4));
        }
    }

    @Test
    void theFirstInvocationAfterARestore_isCold() {
        // A SnapStart snapshot is taken after init, before any invocation: each restored container starts
        // from exactly this state, so its first invocation is cold.
        Invocation.reset();
        Invocation.start(context("restored-1"));
        assertTrue(Invocation.coldStart());
        Invocation.start(context("restored-2"));
        assertFalse(Invocation.coldStart());
    }

    static Context context(String requestId) {
        return TestContexts.context(requestId);
    }
}
