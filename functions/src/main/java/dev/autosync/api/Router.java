package dev.autosync.api;

import dev.autosync.common.Log;
import dev.autosync.common.MetricNames;
import dev.autosync.common.Metrics;
import dev.autosync.common.aws.SecretUnreadableException;
import dev.autosync.queue.QueueUnavailableException;
import dev.autosync.store.StoreUnavailableException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Matches a request to a {@link Route}, authenticates before anything looks a resource up, and turns
 * every failure into a JSON error: 404 for an unknown path, 405 with {@code Allow} for a known path and
 * the wrong method, 401 with {@code WWW-Authenticate: Bearer}, 400 naming the bad parameter, 404 for an
 * unknown resource, 503 when DynamoDB or SQS cannot be reached or the token secret was never readable. Nothing reaches the caller as a stack
 * trace.
 */
public final class Router {

    private static final Log LOG = Log.of(Router.class);
    /** The route dimension of a request that matched no route's path (any path: not a dimension value). */
    static final String UNMATCHED = "unmatched";

    private final List<Route> routes;
    private final Supplier<BearerAuthenticator> authenticator;

    public Router(List<Route> routes, BearerAuthenticator authenticator) {
        this(routes, () -> authenticator);
    }

    /**
     * @param authenticator the current tokens, asked per authenticated request (they may come from a
     *                      refreshed secret); throws {@link SecretUnreadableException} while none could be read
     */
    public Router(List<Route> routes, Supplier<BearerAuthenticator> authenticator) {
        this.routes = List.copyOf(routes);
        this.authenticator = authenticator;
    }

    public List<Route> routes() {
        return routes;
    }

    public ApiResponse handle(ApiRequest request) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.path().match(request.path());
            if (parameters.isEmpty()) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return counted(route.method() + " " + route.path().template(), invoke(route, new Call(request, parameters.get())));
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            return counted(UNMATCHED, ApiResponse.error(404, "not_found", "no route " + request.method() + " " + request.path()));
        }
        return counted(UNMATCHED, ApiResponse.error(405, "method_not_allowed",
                        request.method() + " is not allowed on " + request.path() + "; use " + String.join(", ", allowed))
                .withHeader("Allow", String.join(", ", allowed)));
    }

    /**
     * {@code ApiRequests} by route template (e.g. {@code GET /api/v1/jobs/{id}}: bounded by the route table,
     * never the raw path) and status class.
     */
    private static ApiResponse counted(String route, ApiResponse response) {
        Metrics.count(MetricNames.API_REQUESTS, Map.of(MetricNames.ROUTE, route, MetricNames.STATUS,
                Metrics.statusClass(response.status())));
        return response;
    }

    private ApiResponse invoke(Route route, Call call) {
        try {
            if (route.access() == Route.Access.TOKEN
                    && !authenticator.get().accepts(call.request().header("Authorization"))) {
                return ApiResponse.error(401, "unauthorized", "send Authorization: Bearer <api token>")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"autosync\"");
            }
            return route.endpoint().handle(call);
        } catch (InvalidParameterException e) {
            return ApiResponse.error(400, "invalid_parameter", e.getMessage());
        } catch (ResourceNotFoundException e) {
            return ApiResponse.error(404, "not_found", e.getMessage());
        } catch (ConflictException e) {
            return ApiResponse.error(409, "conflict", e.getMessage());
        } catch (SecretUnreadableException e) {
            // Not the caller's fault and not a bug: the token secret is unreadable (denied, KMS, malformed)
            // and nothing was ever read; it is retried at most once a minute, so this recovers by itself.
            LOG.error("api token secret unavailable", Map.of("route", route.operationId(), "error", e.getMessage()));
            return ApiResponse.error(503, "secret_unavailable",
                    "the API's token secret cannot be read yet; retry shortly").withHeader("Retry-After", "60");
        } catch (QueueUnavailableException | StoreUnavailableException e) {
            LOG.error("backend unavailable", Map.of("route", route.operationId(), "error", e.getMessage()));
            return ApiResponse.error(503, "unavailable", "a backing service is unavailable; retry shortly");
        } catch (RuntimeException e) {
            LOG.error("unexpected failure", Map.of("route", route.operationId(), "error", String.valueOf(e)));
            return ApiResponse.error(500, "internal_error", "unexpected failure; it has been logged");
        }
    }
}
