package dev.autosync.api;

import dev.autosync.api.Route.Access;
import dev.autosync.common.Env;
import java.util.List;

/** Builds the api's router and everything behind it from the configuration, by hand. */
public final class ApiWiring {

    private final ApiConfig config;

    ApiWiring(ApiConfig config) {
        this.config = config;
    }

    public static ApiWiring from(Env env) {
        return new ApiWiring(ApiConfig.from(env));
    }

    public Router router() {
        DashboardPage dashboard = new DashboardPage();
        return new Router(List.of(
                Route.get("/", Access.PUBLIC, "getDashboard", dashboard::serve)),
                new BearerAuthenticator(config.tokens()));
    }
}
