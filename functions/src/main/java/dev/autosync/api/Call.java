package dev.autosync.api;

import java.util.Map;

/** A request matched to a route, with the path parameters the route's template named. */
public record Call(ApiRequest request, Map<String, String> pathParameters) {

    public Params params() {
        return new Params(request.query(), pathParameters);
    }
}
