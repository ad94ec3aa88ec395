package dev.autosync.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Resources;
import dev.autosync.testing.AwsFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
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

    final Resources resources;
    final Router router;
    final ApiHandler handler;

    /** Over fresh resources on the stand-ins. */
    ApiTestbed(AwsFixture aws, Clock clock) {
        this(aws.clients(), aws.provision(), clock);
    }

    /** Over given resources, through given clients (e.g. one pointed at a closed port). */
    ApiTestbed(AwsClients clients, Resources resources, Clock clock) {
        this(clients.dynamoDb(), clients.sqs(), resources, clock);
    }

    ApiTestbed(DynamoDbClient dynamoDb, SqsClient sqs, Resources resources, Clock clock) {
        this.resources = resources;
        ApiWiring wiring = new ApiWiring(dynamoDb, sqs, resources, Set.of(TOKEN), CURSOR_KEY, clock);
        this.router = wiring.router();
        this.handler = wiring.handler();
    }

    /** A local port nothing listens on: connections are refused at once, as with a dead endpoint. */
    static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    /** A DynamoDB client for an endpoint, without retries (a dead endpoint then fails in milliseconds). */
    static DynamoDbClient dynamoDbWithoutRetries(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** An SQS client for an endpoint, without retries. */
    static SqsClient sqsWithoutRetries(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** A 400 {@code invalid_parameter} whose message starts with the parameter's name. */
    static void assertBadParameter(Reply reply, String parameter) {
        org.junit.jupiter.api.Assertions.assertEquals(400, reply.status(), reply.body());
        org.junit.jupiter.api.Assertions.assertEquals("invalid_parameter", reply.json().get("error").asText());
        org.junit.jupiter.api.Assertions.assertTrue(reply.json().get("message").asText().startsWith(parameter + ":"), reply.body());
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
        return call(method, path, query, token, null);
    }

    /** With a request body (JSON), as API Gateway passes it. */
    Reply call(String method, String path, Map<String, String> query, String token, String body) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withQueryStringParameters(new LinkedHashMap<>(query))
                .withHeaders(headers)
                .withBody(body)
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
