package dev.autosync.local;

import java.util.Locale;

/**
 * One HTTP API route: a method ({@code ANY} for all) and a path, matched exactly (a trailing slash
 * allowed) or as a prefix, and the function behind it.
 */
public record Route(String method, String path, boolean prefix, HttpFunction function) {

    public static final String ANY = "ANY";

    /** {@code path} and {@code path/}. */
    public static Route exact(String method, String path, HttpFunction function) {
        return new Route(method.toUpperCase(Locale.ROOT), path, false, function);
    }

    /** {@code path} and everything under it, like API Gateway's {@code {proxy+}}. */
    public static Route prefix(String method, String path, HttpFunction function) {
        return new Route(method.toUpperCase(Locale.ROOT), path, true, function);
    }

    public boolean matches(String requestMethod, String requestPath) {
        if (!method.equals(ANY) && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        String trimmed = requestPath.length() > 1 && requestPath.endsWith("/")
                ? requestPath.substring(0, requestPath.length() - 1) : requestPath;
        return trimmed.equals(path) || (prefix && requestPath.startsWith(path + "/"));
    }

    /** The {@code routeKey} API Gateway reports for the route. */
    public String routeKey() {
        return method + " " + path + (prefix ? "/{proxy+}" : "");
    }
}
