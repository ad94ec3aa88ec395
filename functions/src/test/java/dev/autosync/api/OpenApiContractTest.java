package dev.autosync.api;

import java.util.Optional;
import java.time.Duration;
import dev.autosync.store.Delivery;
import dev.autosync.store.DeliveryArchive;
import dev.autosync.store.DeliveryLedger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.autosync.common.aws.Resources;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Holds the code to openapi.yaml: every route is documented under its operationId and every documented
 * operation is routed; each documented request (and the bad ones) is sent to the handler and its
 * response validated against the document; and every documented (operation, status) pair is produced
 * by at least one request, so the document cannot promise a response the code never gives.
 */
@ExtendWith(AwsStandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    private static final Path SPEC = Path.of(System.getProperty("autosync.root", "..")).resolve("openapi.yaml");
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final String REPO = "/api/repositories/" + DemoData.API_REPO;

    private final OpenApiInteractionValidator validator =
            OpenApiInteractionValidator.createForSpecificationUrl(SPEC.toUri().toString()).build();
    private final OpenAPI spec = new OpenAPIV3Parser().read(SPEC.toString());
    private final Set<String> exercised = new TreeSet<>();
    private ApiTestbed api;
    private ApiTestbed unreachable;

    @BeforeAll
    void seed(AwsFixture aws) throws IOException {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        api = new ApiTestbed(aws, clock);
        DemoData.seed(new ApiSeed(aws, api.resources.tableName(), clock), NOW);
        seedDelivery(aws, clock);
        var hours = new dev.autosync.store.DeliveryHours(aws.dynamoDb(), api.resources.tableName());
        hours.record("d-1", "push", "processed", NOW.minusSeconds(3600));
        hours.record("d-2", "issues", "rejected", NOW);
        var rateLimits = new dev.autosync.store.RateLimits(aws.dynamoDb(), api.resources.tableName());
        rateLimits.observed(100, "octo", new dev.autosync.store.RateLimits.Observed(5000, 4200,
                NOW.plusSeconds(1800), "core", NOW.minusSeconds(60)));
        rateLimits.blocked(101, NOW.plusSeconds(600));
        URI closed = ApiTestbed.closedPort();
        unreachable = new ApiTestbed(ApiTestbed.dynamoDbWithoutRetries(closed), ApiTestbed.sqsWithoutRetries(closed), new Resources("t", "http://127.0.0.1/q", "http://127.0.0.1/qd", "http://127.0.0.1/s", "http://127.0.0.1/sd"), clock);
    }

    @Test
    void everyRouteIsDocumented_andEveryDocumentedOperationIsRouted() {
        Set<String> routed = new TreeSet<>();
        api.router.routes().forEach(route ->
                routed.add(route.method() + " " + route.path().template() + " " + route.operationId()));
        Set<String> documented = new TreeSet<>();
        spec.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                documented.add(method.name() + " " + path + " " + operation.getOperationId())));
        assertEquals(documented, routed);
    }

    @Test
    void everyDocumentedResponse_isProduced_andMatchesTheDocument() {
        List<String> failures = new ArrayList<>();
        for (ApiTestbed.Reply reply : goodRequests()) {
            check(reply, validator.validate(request(reply), response(reply)), failures);
        }
        for (ApiTestbed.Reply reply : badRequests()) {
            check(reply, validator.validateResponse(template(reply.path()), Request.Method.valueOf(reply.method()), response(reply)),
                    failures);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        Set<String> documented = new TreeSet<>();
        spec.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operation.getResponses().keySet().forEach(status -> documented.add(operation.getOperationId() + " " + status))));
        assertEquals(documented, exercised);
    }

    private static final String DELIVERY = "d-contract-1";

    /** One processed push, archived, as the processor leaves it. */
    private void seedDelivery(AwsFixture aws, Clock clock) {
        String table = api.resources.tableName();
        DeliveryLedger ledger = new DeliveryLedger(aws.dynamoDb(), table, clock, Duration.ofMinutes(2));
        Instant received = NOW.minusSeconds(60);
        DeliveryLedger.Attempt attempt = ledger.claim(new DeliveryLedger.Receipt(DELIVERY, "push", null, received, 100L,
                DemoData.API_REPO, 23)).attempt();
        new DeliveryArchive(aws.dynamoDb(), table, Duration.ofDays(30)).archive(DELIVERY, received,
                "{\"ref\": \"refs/heads/main\"}", Optional.empty());
        ledger.complete(attempt, Delivery.Result.PROCESSED, "push of 1 commit written");
        // Recorded but not archived (from before the archive): a replay of it is refused.
        ledger.complete(ledger.claim(new DeliveryLedger.Receipt(UNARCHIVED, "push", null, received, 100L,
                DemoData.API_REPO, 23)).attempt(), Delivery.Result.PROCESSED, "push of 1 commit written");
    }

    private static final String UNARCHIVED = "d-contract-2";

    private List<ApiTestbed.Reply> goodRequests() {
        return List.of(
                api.call("GET", "/", Map.of(), null),
                api.call("GET", "/api/sync/health", Map.of(), null),
                api.get("/api/sync/jobs/", Map.of("limit", "2", "type", "periodic_sync")),
                api.get("/api/sync/jobs", Map.of("status", "completed", "installation_id", "100")),
                api.get("/api/sync/jobs/job-manual-1"),
                api.post("/api/sync/periodic/"),
                api.post("/api/sync/repository/" + DemoData.API_REPO),
                api.get("/api/installations", Map.of("limit", "1")),
                api.get("/api/repositories/", Map.of("installation_id", "100")),
                api.get(REPO),
                api.get(REPO + "/commits", Map.of("branch", "main", "since", "2026-10-01", "until", "2026-11-20T00:00:00Z",
                        "author", "alice", "limit", "5")),
                api.get(REPO + "/issues", Map.of("state", "open")),
                api.get(REPO + "/pulls/", Map.of("state", "merged")),
                api.get(REPO + "/contributors"),
                api.get(REPO + "/analytics", Map.of("days", "30")),
                api.get(REPO + "/analytics/"),
                api.get("/api/deliveries", Map.of("status", "processed", "event", "push", "since", "2026-11-19")),
                api.get("/api/deliveries/" + DELIVERY, Map.of("include", "payload")),
                api.call("POST", "/api/deliveries/replay", Map.of(), ApiTestbed.TOKEN,
                        "{\"event\": \"push\", \"since\": \"2026-11-19\", \"limit\": 10}"),
                api.post("/api/deliveries/" + DELIVERY + "/replay"),
                api.get("/api/dead-letters", Map.of("queue", "events")),
                api.call("POST", "/api/dead-letters/redrive", Map.of(), ApiTestbed.TOKEN, "{\"queue\": \"sync_tasks\"}"),
                api.get("/api/sync/deliveries/hourly", Map.of("hours", "3")),
                api.get("/api/sync/deliveries/hourly/"),
                api.get("/api/installations/rate-limits", Map.of("limit", "1")),
                api.get("/api/installations/rate-limits/"));
    }

    private List<ApiTestbed.Reply> badRequests() {
        List<ApiTestbed.Reply> replies = new ArrayList<>(List.of(
                api.get("/api/sync/jobs", Map.of("limit", "0")),
                api.get("/api/sync/jobs", Map.of("type", "hourly")),
                api.get("/api/sync/jobs/bad!id"),
                api.get("/api/sync/jobs/no-such-job"),
                api.call("POST", "/api/sync/periodic/", Map.of("full", "maybe"), ApiTestbed.TOKEN),
                api.post("/api/sync/repository/abc"),
                api.post("/api/sync/repository/99999"),
                api.get("/api/installations", Map.of("cursor", "x.y")),
                api.get("/api/repositories", Map.of("installation_id", "zero")),
                api.get("/api/repositories/0"),
                api.get("/api/repositories/99999"),
                api.get(REPO + "/commits", Map.of("since", "soon")),
                api.get("/api/repositories/99999/commits"),
                api.get(REPO + "/issues", Map.of("state", "merged")),
                api.get("/api/repositories/99999/issues"),
                api.get(REPO + "/pulls", Map.of("state", "draft")),
                api.get("/api/repositories/99999/pulls"),
                api.get("/api/repositories/x/contributors"),
                api.get("/api/repositories/99999/contributors"),
                api.get(REPO + "/analytics", Map.of("days", "3")),
                api.get("/api/repositories/99999/analytics"),
                api.get("/api/deliveries", Map.of("status", "lost")),
                api.get("/api/deliveries/bad!id"),
                api.get("/api/deliveries/no-such-delivery"),
                api.call("POST", "/api/deliveries/replay", Map.of(), ApiTestbed.TOKEN, "{\"limit\": 100001}"),
                api.post("/api/deliveries/bad!id/replay"),
                api.post("/api/deliveries/no-such-delivery/replay"),
                api.post("/api/deliveries/" + UNARCHIVED + "/replay"),
                api.get("/api/dead-letters", Map.of("queue", "lost")),
                api.call("POST", "/api/dead-letters/redrive", Map.of(), ApiTestbed.TOKEN, "{\"queue\": \"events\", \"limit\": 0}"),
                unreachable.call("GET", "/api/dead-letters", Map.of("queue", "events"), ApiTestbed.TOKEN),
                unreachable.call("POST", "/api/dead-letters/redrive", Map.of(), ApiTestbed.TOKEN, "{\"queue\": \"events\"}"),
                api.get("/api/sync/deliveries/hourly", Map.of("hours", "49")),
                api.get("/api/installations/rate-limits", Map.of("cursor", "x.y"))));
        for (var route : api.router.routes()) {
            String path = route.path().template().replace("{github_id}", String.valueOf(DemoData.API_REPO))
                    .replace("{job_id}", "job-manual-1").replace("{delivery_id}", DELIVERY);
            if (route.access() == Route.Access.TOKEN) {
                replies.add(api.call(route.method(), path, Map.of(), "not-the-token-0123456789"));
            }
            if (!route.path().template().equals("/")) {
                replies.add(unreachable.call(route.method(), path, Map.of(), ApiTestbed.TOKEN));
            }
        }
        return replies;
    }

    private void check(ApiTestbed.Reply reply, ValidationReport report, List<String> failures) {
        String template = template(reply.path());
        spec.getPaths().get(template).readOperationsMap().forEach((method, operation) -> {
            if (method.name().equals(reply.method())) {
                exercised.add(operation.getOperationId() + " " + reply.status());
            }
        });
        if (report.hasErrors()) {
            failures.add(reply.method() + " " + reply.path() + " " + reply.query() + " -> " + reply.status() + ": "
                    + report.getMessages() + "\n  body: " + reply.body());
        }
    }

    /** The documented path a concrete path belongs to. */
    private String template(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return spec.getPaths().keySet().stream()
                .filter(template -> new PathPattern(template).match(trimmed).isPresent())
                .findFirst().orElseThrow(() -> new AssertionError("undocumented path " + path));
    }

    private static SimpleRequest request(ApiTestbed.Reply reply) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(reply.method(), reply.path());
        reply.query().forEach(builder::withQueryParam);
        builder.withAuthorization("Bearer " + ApiTestbed.TOKEN);
        return builder.build();
    }

    private static SimpleResponse response(ApiTestbed.Reply reply) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(reply.status()).withBody(reply.body());
        reply.response().getHeaders().forEach(builder::withHeader);
        return builder.build();
    }
}
