package dev.autosync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The sandbox's control API, on its own loopback port and without authentication, so anyone can drive
 * the local system from outside (issue 8, "The sandbox as a controllable GitHub"):
 * <ul>
 *   <li>{@code GET /_sandbox/state}: what GitHub holds, per active installation (see {@link StateView});</li>
 *   <li>{@code POST /_sandbox/actions} with one JSON action: see {@link ControlActions}.</li>
 * </ul>
 * Bad input answers 400 and an unknown installation, repository or issue 404, each with
 * {@code {"message"}} saying what is wrong; never a stack trace.
 */
final class ControlServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GitHubSandbox sandbox;
    private final ControlActions actions;
    private final HttpServer http;
    private final ExecutorService executor;

    ControlServer(GitHubSandbox sandbox, int port) {
        this.sandbox = sandbox;
        this.actions = new ControlActions(sandbox);
        try {
            this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the sandbox's control port", e);
        }
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "github-sandbox-control");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    void stop() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            int status = 200;
            JsonNode body;
            try {
                if ("/_sandbox/state".equals(path)) {
                    body = "GET".equals(method) ? state() : notAllowed("GET");
                } else if ("/_sandbox/actions".equals(path)) {
                    body = "POST".equals(method) ? actions.apply(parse(exchange.getRequestBody().readAllBytes()))
                            : notAllowed("POST");
                } else {
                    throw new Refused(404, "no such control route: " + method + " " + path
                            + " (GET /_sandbox/state, POST /_sandbox/actions)");
                }
            } catch (Refused e) {
                status = e.status;
                body = message(e.getMessage());
            } catch (UnknownEntityException e) {
                status = 404;
                body = message(e.getMessage());
            } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
                status = 400;
                body = message(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (RuntimeException e) {
                // Still an answer a caller can read, never a stack trace.
                status = 500;
                body = message("sandbox failure: " + e);
            }
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** A refusal with its HTTP status. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static JsonNode notAllowed(String allowed) {
        throw new Refused(405, "method not allowed; use " + allowed);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new Refused(400, "the body must be one JSON object (an action with a \"type\")");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Refused(400, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode message(String text) {
        return JsonNodeFactory.instance.objectNode().put("message", text);
    }

    private ObjectNode state() {
        synchronized (sandbox) {
            return new StateView(sandbox.shapes()).render(sandbox);
        }
    }
}
