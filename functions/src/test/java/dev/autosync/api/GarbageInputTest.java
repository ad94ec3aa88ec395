package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route, every parameter, a list of hostile values: the answer is always a 2xx or a 4xx with the
 * JSON error shape, never a 500 or a 503 (guards against bad input reaching DynamoDB as a key or
 * expression value it rejects, which would surface as "unavailable").
 */
@ExtendWith(AwsStandIns.class)
class GarbageInputTest {

    private static final List<String> NASTY = List.of("", " ", "0", "-1", "1e3", "9223372036854775808", "NaN", "∞",
            "%00", "\u0000", "' OR 1=1 --", "<script>", "null", "[]", "{}", "2024-02-30", "+999999999-12-31T00:00:00Z",
            "x".repeat(5000), "ü".repeat(700), "a.b", "..", "/");
    private static final OpenAPI SPEC = new OpenAPIV3Parser().read(
            Path.of(System.getProperty("autosync.root", "..")).resolve("openapi.yaml").toString());

    @Test
    void hostileParameters_neverCauseA5xx(AwsFixture aws) {
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        ApiTestbed api = new ApiTestbed(aws, Clock.fixed(now, ZoneOffset.UTC));
        ApiSeed seed = new ApiSeed(aws, api.resources.tableName(), Clock.fixed(now, ZoneOffset.UTC));
        seed.installation(1, "org", "Organization");
        seed.repository(7, 1, "org/repo");
        List<String> failures = new ArrayList<>();
        for (Route route : api.router.routes()) {
            for (String value : NASTY) {
                String path = route.path().template().replace("{github_id}", "7").replace("{job_id}", "job");
                for (String parameter : queryParameters(route.operationId())) {
                    check(api.call(route.method(), path, Map.of(parameter, value), ApiTestbed.TOKEN), failures);
                }
                if (route.path().template().contains("{")) {
                    String hostilePath = route.path().template().replaceAll("\\{[a-z_]+}", encode(value));
                    check(api.call(route.method(), hostilePath, Map.of(), ApiTestbed.TOKEN), failures);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** The operation's documented query parameters, plus one it does not know. */
    private static List<String> queryParameters(String operationId) {
        List<String> names = new ArrayList<>(List.of("unknown"));
        SPEC.getPaths().values().forEach(item -> item.readOperations().stream()
                .filter(operation -> operationId.equals(operation.getOperationId()) && operation.getParameters() != null)
                .flatMap(operation -> operation.getParameters().stream())
                .map(parameter -> parameter.get$ref() == null ? parameter : SPEC.getComponents().getParameters()
                        .get(parameter.get$ref().substring(parameter.get$ref().lastIndexOf('/') + 1)))
                .filter(parameter -> "query".equals(parameter.getIn()))
                .forEach(parameter -> names.add(parameter.getName())));
        return names;
    }

    private static void check(ApiTestbed.Reply reply, List<String> failures) {
        int status = reply.status();
        if (status >= 500) {
            failures.add(reply.method() + " " + abbreviated(reply.path()) + " " + abbreviated(reply.query().toString())
                    + " -> " + status + " " + reply.body());
        } else if (status >= 400) {
            JsonNode body = reply.json();
            if (!body.hasNonNull("error") || !body.hasNonNull("message")) {
                failures.add("no error shape: " + reply.body());
            }
        }
    }

    /** As API Gateway would pass it: one path segment, percent-encoded. */
    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviated(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
