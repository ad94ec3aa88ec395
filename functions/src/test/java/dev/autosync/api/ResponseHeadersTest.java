package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.ExpectedHeaders;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GIVEN any request, WHEN the api answers, THEN the answer carries the headers of its kind. */
@ExtendWith(AwsStandIns.class)
class ResponseHeadersTest {

    @Test
    void everyJsonAnswer_carriesNosniffNoStoreAndNoReferrer(AwsFixture aws) {
        ApiTestbed api = new ApiTestbed(aws, Clock.systemUTC());
        List<ApiTestbed.Reply> replies = List.of(
                api.call("GET", "/api/sync/health", Map.of(), null),
                api.call("GET", "/api/repositories", Map.of(), ApiTestbed.TOKEN),
                api.call("GET", "/api/repositories", Map.of("limit", "0"), ApiTestbed.TOKEN),
                api.call("GET", "/api/repositories", Map.of(), null),
                api.call("GET", "/api/nowhere", Map.of(), ApiTestbed.TOKEN),
                api.call("PUT", "/api/repositories", Map.of(), ApiTestbed.TOKEN));
        for (ApiTestbed.Reply reply : replies) {
            Map<String, String> headers = reply.response().getHeaders();
            ExpectedHeaders.JSON.forEach((name, value) ->
                    assertEquals(value, headers.get(name), reply.method() + " " + reply.path() + " " + reply.status() + ": " + name));
        }
        assertEquals(List.of(200, 200, 400, 401, 404, 405), replies.stream().map(ApiTestbed.Reply::status).toList());
    }

    // The policy must still let the page work: its own inline script (by hash) and calls to this origin.
    @Test
    void dashboardPage_carriesItsContentSecurityPolicyNosniffAndNoReferrer(AwsFixture aws) {
        ApiTestbed.Reply page = new ApiTestbed(aws, Clock.systemUTC()).call("GET", "/", Map.of(), null);

        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertEquals("no-cache", page.header("Cache-Control"));
        String policy = page.header("Content-Security-Policy");
        assertTrue(policy.startsWith("default-src 'none'; connect-src 'self';"), policy);
        assertTrue(policy.contains("script-src 'sha256-"), policy);
    }
}
