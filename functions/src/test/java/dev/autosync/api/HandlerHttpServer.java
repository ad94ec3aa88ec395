package dev.autosync.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A tiny HTTP front for {@link ApiHandler} in tests: turns each request into an HTTP API v2 event, as API
 * Gateway would, so the browser test exercises the same handler path as Lambda.
 */
final class HandlerHttpServer implements AutoCloseable {

    private final HttpServer server;

    HandlerHttpServer(ApiHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                APIGatewayV2HTTPResponse response = handler.handleRequest(toEvent(exchange), null);
                byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
                if (response.getHeaders() != null) {
                    response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                }
                exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                query.merge(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "", (a, b) -> a + "," + b);
            }
        }
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(raw == null ? "" : raw)
                .withHeaders(headers)
                .withQueryStringParameters(query)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod()).withPath(exchange.getRequestURI().getRawPath())
                                .build())
                        .build())
                .build();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
