package dev.autosync.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.autosync.common.Env;
import dev.autosync.common.Invocation;
import dev.autosync.common.ResponseHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Lambda entry point for {@code POST /api/github/webhook} (and its trailing-slash form) on an HTTP API,
 * payload format 2.0. Only translates: the event to a {@link WebhookRequest}, the answer back.
 */
public final class WebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final WebhookService service;

    /** Used by Lambda: configuration from the environment. */
    public WebhookHandler() {
        this(WebhookWiring.service(Env.system()));
    }

    WebhookHandler(WebhookService service) {
        this.service = service;
    }

    /** A handler configured from {@code env} instead of the process environment (local runner, benchmarks). */
    public static WebhookHandler from(Env env) {
        return new WebhookHandler(WebhookWiring.service(env));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Invocation.start(context);
        byte[] body;
        try {
            body = body(event);
        } catch (IllegalArgumentException e) {
            DeliveryLog.metrics(event.getHeaders() == null ? null : event.getHeaders().get(GitHubHeaders.EVENT),
                    Rejection.INVALID_BODY_ENCODING.code());
            return respond(WebhookResponse.error(Rejection.INVALID_BODY_ENCODING,
                    "the body is marked base64-encoded but is not valid base64"));
        }
        return respond(service.handle(new WebhookRequest(method(event), event.getHeaders(), body)));
    }

    private static APIGatewayV2HTTPResponse respond(WebhookResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(ResponseHeaders.JSON)
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null ? "" : context.getHttp().getMethod();
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }
}
