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
import java.net.InetAddress;
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

    /** An HTTP API's payload quota (10 MB); larger requests get 413 before any function runs. */
    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    /** Lambda's 6 MB synchronous invocation limit, less headroom for the rest of the event. */
    static final int MAX_INVOKE_BODY_CHARS = 6 * 1000 * 1000 - 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Route> routes;

    /** Listens on {@code address} (the runner's default is loopback only) at {@code port} (0: any free one). */
    public LocalGateway(InetAddress address, int port, List<Route> routes) {
        this.routes = List.copyOf(routes);
        try {
            this.server = HttpServer.create(new InetSocketAddress(address, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address.getHostAddress() + " port " + port, e);
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

    /** The address listened on. */
    public InetAddress address() {
        return server.getAddress().getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                // An odd request or response must never drop the connection unanswered: answer as API Gateway would.
                LOG.error("gateway failed", Map.of("exception", e.getClass().getName()));
                respondError(exchange, 500, "internal_error", "the gateway failed");
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        Optional<byte[]> body = readBody(exchange.getRequestBody());
        if (body.isEmpty()) {
            respondError(exchange, 413, "request_too_large", "the body is larger than an HTTP API accepts ("
                    + MAX_REQUEST_BYTES + " bytes)");
            return;
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Optional<Route> route = routes.stream().filter(r -> r.matches(method, path)).findFirst();
        if (route.isEmpty()) {
            respondError(exchange, 404, "not_found", "no route for " + method + " " + path);
            return;
        }
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.from(exchange, route.get(), body.get());
        if (event.getBody() != null && event.getBody().length() > MAX_INVOKE_BODY_CHARS) {
            // Lambda refuses a synchronous invocation over 6 MB: in AWS the delivery fails before the function.
            respondError(exchange, 413, "request_too_large",
                    "the request is larger than a Lambda invocation accepts (6 MB)");
            return;
        }
        respond(exchange, invoke(route.get(), event));
    }

    /** The body, or empty when it exceeds {@link #MAX_REQUEST_BYTES} (read no further than that). */
    private static Optional<byte[]> readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        return body.length > MAX_REQUEST_BYTES ? Optional.empty() : Optional.of(body);
    }

    private static void respond(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        byte[] out = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        if (response.getCookies() != null) {
            // Payload 2.0 returns cookies apart; API Gateway sends each as its own Set-Cookie header.
            response.getCookies().forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
        }
        respond(exchange, response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(), out);
    }

    private static void respondError(HttpExchange exchange, int status, String code, String message)
            throws IOException {
        respond(exchange, status, Map.of("content-type", "application/json"), error(code, message));
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
        if (exchange.getResponseCode() != -1) {
            return; // already answered: the failure came after the headers were sent
        }
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
