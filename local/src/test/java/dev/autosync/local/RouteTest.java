package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RouteTest {

    private static final HttpFunction NOTHING = event -> null;

    @Test
    void exactRoute_matchesItsPathWithOrWithoutTrailingSlashOnly() {
        Route route = Route.exact(Route.ANY, "/api/github/webhook", NOTHING);

        assertTrue(route.matches("POST", "/api/github/webhook"));
        assertTrue(route.matches("GET", "/api/github/webhook/"));
        assertFalse(route.matches("POST", "/api/github/webhooks"));
        assertFalse(route.matches("POST", "/api/github/webhook/extra"));
        assertEquals("ANY /api/github/webhook", route.routeKey());
    }

    @Test
    void prefixRoute_matchesEverythingUnderItsPathForItsMethod() {
        Route route = Route.prefix("get", "/api", NOTHING);

        assertTrue(route.matches("GET", "/api/health/"));
        assertTrue(route.matches("GET", "/api"));
        assertFalse(route.matches("POST", "/api/health/"));
        // A prefix is a path segment, not a string prefix: /apis is another API.
        assertFalse(route.matches("GET", "/apis"));
    }

    @Test
    void textMediaTypes_arePassedAsTextAndOthersAsBase64() {
        assertTrue(ApiGatewayEvents.isText("application/json; charset=utf-8"));
        assertTrue(ApiGatewayEvents.isText("text/plain"));
        assertFalse(ApiGatewayEvents.isText("application/x-www-form-urlencoded"));
        assertFalse(ApiGatewayEvents.isText("application/octet-stream"));
    }
}
