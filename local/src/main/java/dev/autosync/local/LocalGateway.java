package dev.autosync.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autosync.common.Json;
import dev.autosync.common.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for an API Gateway HTTP API: each request becomes the payload-2.0 event, goes to the
 * first matching {@link Route}'s function, and the function's response goes back as the HTTP response.
 */
public final class LocalGateway implements AutoCloseable {

    private static final Log LOG = Log.of(LocalGateway.class);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Route> routes;

    public LocalGateway(int port, List<Route> routes) {
        this.routes = List.copyOf(routes);
        try {
            this.server = HttpServer.create(new InetSocketAddress(port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
    }

    public void start() {
        server.start();
    }

    /** The port actually bound (useful when 0 asked for any free one). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Optional<Route> route = routes.stream().filter(r -> r.matches(method, path)).findFirst();
            if (route.isEmpty()) {
                respond(exchange, 404, Map.of("content-type", "application/json"), error("not_found",
                        "no route for " + method + " " + path));
                return;
            }
            APIGatewayV2HTTPResponse response = invoke(route.get(), ApiGatewayEvents.from(exchange, route.get(), body));
            byte[] out = response.getBody() == null ? new byte[0]
                    : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                    : response.getBody().getBytes(StandardCharsets.UTF_8);
            respond(exchange, response.getStatusCode(),
                    response.getHeaders() == null ? Map.of() : response.getHeaders(), out);
        }
    }

    private static APIGatewayV2HTTPResponse invoke(Route route, APIGatewayV2HTTPEvent event) {
        try {
            return route.function().invoke(event);
        } catch (RuntimeException e) {
            // What API Gateway answers when the function fails; the cause goes to the log, not the caller.
            LOG.error("function failed", Map.of("route", route.routeKey(), "exception", e.getClass().getName()));
            return APIGatewayV2HTTPResponse.builder().withStatusCode(500)
                    .withHeaders(Map.of("content-type", "application/json"))
                    .withBody(new String(error("internal_error", "the function failed"), StandardCharsets.UTF_8))
                    .build();
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] error(String code, String message) {
        return Json.write(Map.of("error", code, "message", message)).getBytes(StandardCharsets.UTF_8);
    }
}
