package dev.autosync.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.autosync.common.Env;
import dev.autosync.common.Invocation;
import java.util.Map;
import java.util.Optional;

/**
 * The api Lambda: an HTTP API (payload format 2.0) event in, a response out. Everything else is in
 * {@link Router} and the endpoints {@link ApiWiring} builds.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Router router;

    /** For Lambda: wires from the environment once, so SnapStart captures the wired router. */
    public ApiHandler() {
        this(ApiWiring.from(Env.system()).router());
    }

    ApiHandler(Router router) {
        this.router = router;
    }

    /** A handler configured from {@code env} instead of the process environment (local runner, tests). */
    public static ApiHandler from(Env env) {
        return ApiWiring.from(env).handler();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Invocation.start(context);
        ApiResponse response = router.handle(toRequest(event));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .build();
    }

    static ApiRequest toRequest(APIGatewayV2HTTPEvent event) {
        String method = Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod).orElse("GET");
        String path = Optional.ofNullable(event.getRawPath()).orElse("/");
        String body = event.getBody() == null ? "" : event.getBody();
        if (event.getIsBase64Encoded() && !body.isEmpty()) {
            try {
                body = new String(java.util.Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                body = "\u0000"; // not base64 after all: refused as a body that is not JSON
            }
        }
        return new ApiRequest(method, path, orEmpty(event.getQueryStringParameters()), orEmpty(event.getHeaders()), body);
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
