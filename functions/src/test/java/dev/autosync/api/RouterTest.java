package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.api.Route.Access;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final String TOKEN = "router-test-token-0123456789";

    private final AtomicInteger lookups = new AtomicInteger();
    private final Router router = new Router(List.of(
            Route.get("/api/things/{id}", Access.TOKEN, "getThing", call -> {
                lookups.incrementAndGet();
                long id = call.params().pathId("id");
                if (id != 1) {
                    throw new ResourceNotFoundException("no thing " + id);
                }
                return ApiResponse.ok(Map.of("id", id));
            }),
            Route.post("/api/things/{id}", Access.TOKEN, "touchThing", call -> ApiResponse.json(202, Map.of())),
            Route.get("/api/open", Access.PUBLIC, "open", call -> ApiResponse.ok(Map.of("ok", true))),
            Route.get("/api/boom", Access.PUBLIC, "boom", call -> {
                throw new IllegalStateException("secret detail");
            })), new BearerAuthenticator(Set.of(TOKEN)));

    @Test
    void trailingSlash_matchesTheSameRoute() {
        assertEquals(200, get("/api/open").status());
        assertEquals(200, get("/api/open/").status());
        assertEquals(200, call("GET", "/api/things/1/", TOKEN).status());
    }

    @Test
    void unknownPath_is404_andWrongMethod_is405WithAllow() {
        assertEquals(404, get("/api/nothing").status());
        ApiResponse response = call("DELETE", "/api/things/1", TOKEN);
        assertEquals(405, response.status());
        assertEquals("GET, POST", response.headers().get("Allow"));
    }

    @Test
    void missingOrWrongToken_is401WithChallenge_beforeAnyLookup() {
        // Guards against leaking existence: an unknown id must look exactly like a known one without a token.
        for (String id : List.of("1", "2", "not-a-number")) {
            ApiResponse missing = call("GET", "/api/things/" + id, null);
            ApiResponse wrong = call("GET", "/api/things/" + id, "wrong-token-0123456789");
            assertEquals(401, missing.status());
            assertEquals(401, wrong.status());
            assertTrue(missing.headers().get("WWW-Authenticate").startsWith("Bearer"));
            assertEquals(missing.body(), wrong.body());
        }
        assertEquals(0, lookups.get());
    }

    @Test
    void badParameter_is400NamingIt_andUnknownId_is404() {
        ApiResponse bad = call("GET", "/api/things/abc", TOKEN);
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("\"error\":\"invalid_parameter\""), bad.body());
        assertTrue(bad.body().contains("id: must be a positive whole number"), bad.body());
        assertEquals(404, call("GET", "/api/things/2", TOKEN).status());
    }

    @Test
    void unexpectedFailure_is500WithoutDetail() {
        ApiResponse response = get("/api/boom");
        assertEquals(500, response.status());
        assertTrue(!response.body().contains("secret detail"), response.body());
    }

    @Test
    void bearerScheme_isCaseInsensitive_andOtherSchemesAreRefused() {
        assertEquals(200, router.handle(new ApiRequest("GET", "/api/things/1", Map.of(),
                Map.of("authorization", "bearer " + TOKEN))).status());
        assertEquals(401, router.handle(new ApiRequest("GET", "/api/things/1", Map.of(),
                Map.of("Authorization", "Basic " + TOKEN))).status());
    }

    private ApiResponse get(String path) {
        return call("GET", path, null);
    }

    private ApiResponse call(String method, String path, String token) {
        Map<String, String> headers = token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
        return router.handle(new ApiRequest(method, path, Map.of(), headers));
    }
}
