package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * Serves the sandbox over HTTP the way api.github.com does: authentication (App JWT or installation
 * token), faults, the route's answer, then pagination ({@code Link}), ETags ({@code 304} costs no
 * points) and primary rate limits with their headers.
 *
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api">Rate limits</a>
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate">Conditional requests</a>
 */
final class ApiServer {

    private static final int DEFAULT_PER_PAGE = 30;
    private static final int MAX_PER_PAGE = 100;
    private static final String DOCS = "https://docs.github.com/rest";

    private final GitHubSandbox sandbox;
    private final Tokens tokens = new Tokens();
    private final Routes routes;
    private final LoopbackHttpServer http;
    private final AtomicLong requests = new AtomicLong();

    ApiServer(GitHubSandbox sandbox, int port) {
        this.sandbox = sandbox;
        this.routes = new Routes(sandbox, tokens);
        // Not the JDK's HttpServer: it overwrites the Date header with the wall clock.
        this.http = new LoopbackHttpServer(port, "github-sandbox", this::handle);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + http.port());
    }

    long requestCount() {
        return requests.get();
    }

    long tokenExchanges() {
        return tokens.count();
    }

    void revokeTokens(long installationId) {
        tokens.revokeAll(installationId);
    }

    void stop() {
        http.stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            pause();
            Optional<Faults.Fault> fault = sandbox.faultsView().next();
            if (fault.isPresent()) {
                sendFault(exchange, fault.get());
                return;
            }
            serve(exchange);
        } catch (RuntimeException e) {
            // A sandbox bug must still answer, and say what went wrong.
            byte[] body = error(500, "sandbox failure: " + e).toString().getBytes(StandardCharsets.UTF_8);
            dateHeader(exchange);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = Paging.query(exchange.getRequestURI().getRawQuery());
        Instant now = sandbox.clock().instant();
        Optional<Routes.Match> match = routes.match(method, path);
        if (match.isEmpty()) {
            send(exchange, 404, error(404, "Not Found"), null);
            return;
        }
        Routes.Route route = match.get().route();
        Matcher params = match.get().params();
        String authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
        long installationId;
        RateBudget budget;
        if (route.app()) {
            Optional<String> rejected = authorization.startsWith("Bearer ")
                    ? sandbox.app().rejectJwt(authorization.substring(7).trim(), now)
                    : Optional.of("A JSON web token could not be decoded");
            if (rejected.isPresent()) {
                send(exchange, 401, error(401, rejected.get()), null);
                return;
            }
            installationId = 0;
            budget = sandbox.appBudget();
        } else {
            String token = authorization.replaceFirst("^(?i)(token|bearer) ", "").trim();
            Optional<Tokens.Issued> issued = tokens.valid(token, now);
            Optional<Model.Installation> active;
            boolean suspended;
            synchronized (sandbox) {
                active = issued.flatMap(t -> sandbox.activeInstallation(t.installationId()));
                suspended = active.map(i -> i.suspendedAt != null).orElse(false);
            }
            if (active.isEmpty()) {
                send(exchange, 401, error(401, "Bad credentials"), null);
                return;
            }
            if (suspended) {
                // GitHub blocks a suspended installation's API access, whatever tokens it holds.
                send(exchange, 403, error(403, "This installation has been suspended"), null);
                return;
            }
            installationId = issued.get().installationId();
            // Search has its own budget on GitHub; it never spends core points.
            budget = route.search() ? sandbox.searchBudget(installationId) : sandbox.budget(installationId);
        }
        Rendered rendered;
        synchronized (sandbox) {
            try {
                Reply reply = route.handler().handle(new Routes.Call(params, query, installationId, now));
                rendered = render(reply, query, exchange.getRequestURI());
            } catch (ApiError e) {
                rendered = new Rendered(e.status, error(e.status, e.getMessage()), null);
            }
        }
        respond(exchange, rendered, authorization, budget, installationId, now);
    }

    /** A reply with its page cut out and rendered. */
    private record Rendered(int status, JsonNode body, String link) {
    }

    private Rendered render(Reply reply, Map<String, String> query, URI request) {
        if (!reply.paged()) {
            return new Rendered(reply.status(), reply.body(), null);
        }
        int perPage = Math.max(1, Math.min(MAX_PER_PAGE, Paging.intParam(query, "per_page", DEFAULT_PER_PAGE)));
        int page = Math.max(1, Paging.intParam(query, reply.pageParameter(), 1));
        List<Supplier<JsonNode>> items = reply.items();
        int from = Math.min(items.size(), (page - 1) * perPage);
        ArrayNode slice = JsonNodeFactory.instance.arrayNode();
        items.subList(from, Math.min(items.size(), from + perPage)).forEach(item -> slice.add(item.get()));
        JsonNode body = reply.wrapper() == null ? slice : reply.wrapper().apply(slice);
        int last = Math.max(1, (items.size() + perPage - 1) / perPage);
        return new Rendered(200, body, Paging.link(baseUri(), request, reply.pageParameter(), page, last));
    }

    private void respond(HttpExchange exchange, Rendered reply, String credential, RateBudget budget,
                         long installationId, Instant now) throws IOException {
        String link = reply.link();
        byte[] bytes = reply.body().toString().getBytes(StandardCharsets.UTF_8);
        String etag = etag(bytes, credential);
        boolean conditional = reply.status() == 200 && "GET".equals(exchange.getRequestMethod());
        if (conditional && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            rateHeaders(exchange, budget, now);
            exchange.getResponseHeaders().set("ETag", etag);
            dateHeader(exchange);
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        if (budget.exhausted(now)) {
            String scope = installationId == 0 ? "app" : "installation ID " + installationId;
            rateHeaders(exchange, budget, now);
            send(exchange, 403, error(403, "API rate limit exceeded for " + scope + "."), null);
            return;
        }
        budget.spend(now);
        rateHeaders(exchange, budget, now);
        if (conditional) {
            exchange.getResponseHeaders().set("ETag", etag);
        }
        send(exchange, reply.status(), bytes, link);
    }

    private void sendFault(HttpExchange exchange, Faults.Fault fault) throws IOException {
        if (!fault.secondaryLimit()) {
            send(exchange, fault.status(), error(fault.status(), fault.status() >= 500 ? "Server Error" : "Injected failure"), null);
            return;
        }
        if (fault.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(fault.retryAfterSeconds()));
        }
        send(exchange, 403, error(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."), null);
    }

    private void rateHeaders(HttpExchange exchange, RateBudget budget, Instant now) {
        RateBudget.Snapshot snapshot = budget.snapshot(now);
        var headers = exchange.getResponseHeaders();
        headers.set("X-RateLimit-Limit", Integer.toString(snapshot.limit()));
        headers.set("X-RateLimit-Remaining", Integer.toString(snapshot.remaining()));
        headers.set("X-RateLimit-Used", Integer.toString(snapshot.used()));
        headers.set("X-RateLimit-Reset", Long.toString(snapshot.resetAt().getEpochSecond()));
        headers.set("X-RateLimit-Resource", budget.resource());
    }

    /**
     * GitHub's {@code Date} (RFC 1123), from the sandbox clock: autosync versions the removals it detects
     * with it, so it must follow a test's {@link ManualClock}.
     */
    private void dateHeader(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Date", DateTimeFormatter.RFC_1123_DATE_TIME
                .format(sandbox.clock().instant().atZone(ZoneOffset.UTC)));
    }

    private void send(HttpExchange exchange, int status, JsonNode body, String link) throws IOException {
        send(exchange, status, body.toString().getBytes(StandardCharsets.UTF_8), link);
    }

    private void send(HttpExchange exchange, int status, byte[] body, String link) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json; charset=utf-8");
        headers.set("X-GitHub-Api-Version-Selected", "2022-11-28");
        headers.set("X-GitHub-Request-Id", Long.toHexString(requests.get()).toUpperCase());
        if (link != null) {
            headers.set("Link", link);
        }
        dateHeader(exchange);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private void pause() {
        long millis = sandbox.faultsView().latency().toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static ObjectNode error(int status, String message) {
        return JsonNodeFactory.instance.objectNode().put("message", message).put("documentation_url", DOCS)
                .put("status", Integer.toString(status));
    }

    /**
     * GitHub's ETags are specific to the credential that fetched the page (GitHub support, quoted in
     * eclipse-csi/otterdog#201): a new installation token gets a 200 even for an unchanged page.
     */
    private static String etag(byte[] body, String credential) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(credential.getBytes(StandardCharsets.UTF_8));
            return "W/\"" + HexFormat.of().formatHex(digest.digest(body)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
