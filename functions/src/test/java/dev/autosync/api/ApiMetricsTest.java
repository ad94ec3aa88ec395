package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.TestContexts;
import dev.autosync.store.StoreUnavailableException;
import dev.autosync.testing.CapturedLines;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The api function's metric: requests by route template (never the raw path) and status class. */
class ApiMetricsTest {

    private final Router router = new Router(List.of(
            Route.get("/api/v1/jobs/{id}", Route.Access.PUBLIC, "getJob", call -> ApiResponse.ok(Map.of("ok", true))),
            Route.get("/api/v1/down", Route.Access.PUBLIC, "down", call -> {
                throw new StoreUnavailableException("down", null);
            }),
            Route.get("/api/v1/secret", Route.Access.TOKEN, "secret", call -> ApiResponse.ok(Map.of()))),
            new BearerAuthenticator(Set.of("a-token-that-is-long-enough-0123456789")));

    @Test
    void requests_areCountedByRouteTemplateAndStatusClass() {
        try (CapturedLines out = new CapturedLines()) {
            router.handle(get("/api/v1/jobs/job-1"));
            router.handle(get("/api/v1/jobs/job-2"));
            router.handle(get("/api/v1/down"));
            router.handle(get("/api/v1/secret"));
            router.handle(get("/api/v1/nothing-here-" + System.nanoTime()));
            router.handle(new ApiRequest("POST", "/api/v1/jobs/job-3", Map.of(), Map.of()));

            assertEquals(2, out.sum("ApiRequests", "route", "GET /api/v1/jobs/{id}", "status", "2xx"));
            assertEquals(1, out.sum("ApiRequests", "route", "GET /api/v1/down", "status", "5xx"));
            assertEquals(1, out.sum("ApiRequests", "route", "GET /api/v1/secret", "status", "4xx"));
            assertEquals(2, out.sum("ApiRequests", "route", "unmatched", "status", "4xx"));
            Set<String> routes = out.metric("ApiRequests").stream().map(l -> l.path("route").asText()).collect(Collectors.toSet());
            assertEquals(Set.of("GET /api/v1/jobs/{id}", "GET /api/v1/down", "GET /api/v1/secret", "unmatched"), routes);
        }
    }

    @Test
    void theHandlerStampsItsRequestIdOnEveryLine() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/api/v1/down");
        try (CapturedLines out = new CapturedLines()) {
            new ApiHandler(router).handleRequest(event, TestContexts.context("api-req"));
            List<JsonNode> lines = out.lines();
            assertFalse(lines.isEmpty());
            lines.forEach(line -> assertEquals("api-req", line.path("request_id").asText(), line.toString()));
            assertEquals(1, out.sum("ApiRequests", "status", "5xx"));
        }
    }

    private static ApiRequest get(String path) {
        return new ApiRequest("GET", path, Map.of(), Map.of());
    }
}
