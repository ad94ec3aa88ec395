package dev.autosync.api;

/**
 * One route: method, path template, whether it needs a token, and what answers it.
 *
 * @param operationId the OpenAPI operation this route implements (a test holds the two together)
 */
public record Route(String method, PathPattern path, Access access, String operationId, Endpoint endpoint) {

    /** Who may call a route. */
    public enum Access {
        /** Health and the dashboard page: reveal nothing about GitHub data. */
        PUBLIC,
        /** Everything else: {@code Authorization: Bearer <token>}. */
        TOKEN
    }

    /** Answers one matched request. */
    @FunctionalInterface
    public interface Endpoint {
        ApiResponse handle(Call call);
    }

    public static Route get(String template, Access access, String operationId, Endpoint endpoint) {
        return new Route("GET", new PathPattern(template), access, operationId, endpoint);
    }

    public static Route post(String template, Access access, String operationId, Endpoint endpoint) {
        return new Route("POST", new PathPattern(template), access, operationId, endpoint);
    }
}
