package dev.autosync.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.common.aws.Resources;
import dev.autosync.testing.AwsFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The api wired to fresh stand-in resources, called through {@link ApiHandler} with HTTP API v2 events
 * exactly as Lambda would call it.
 */
final class ApiTestbed {

    static final String TOKEN = "api-test-token-0123456789abcdef";
    static final byte[] CURSOR_KEY = "api-test-cursor-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    final AwsFixture aws;
    final Resources resources;
    final ApiHandler handler;

    ApiTestbed(AwsFixture aws, Clock clock) {
        this(aws, aws.provision(), clock);
    }

    ApiTestbed(AwsFixture aws, Resources resources, Clock clock) {
        this.aws = aws;
        this.resources = resources;
        this.handler = new ApiWiring(aws.dynamoDb(), aws.sqs(), resources, Set.of(TOKEN), CURSOR_KEY, clock).handler();
    }

    Reply get(String path) {
        return call("GET", path, Map.of(), TOKEN);
    }

    Reply get(String path, Map<String, String> query) {
        return call("GET", path, query, TOKEN);
    }

    Reply post(String path) {
        return call("POST", path, Map.of(), TOKEN);
    }

    Reply call(String method, String path, Map<String, String> query, String token) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withQueryStringParameters(new LinkedHashMap<>(query))
                .withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
        return new Reply(method, path, query, handler.handleRequest(event, null));
    }

    /** A response with its request, for assertions and for the OpenAPI validator. */
    record Reply(String method, String path, Map<String, String> query, APIGatewayV2HTTPResponse response) {

        int status() {
            return response.getStatusCode();
        }

        JsonNode json() {
            try {
                return Json.mapper().readTree(response.getBody());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + response.getBody(), e);
            }
        }

        String body() {
            return response.getBody();
        }

        String header(String name) {
            return response.getHeaders().get(name);
        }
    }
}
