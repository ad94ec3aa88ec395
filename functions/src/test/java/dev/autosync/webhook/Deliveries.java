package dev.autosync.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Builds the API Gateway v2 events GitHub's deliveries arrive as, signed or deliberately broken. */
final class Deliveries {

    private final String method;
    private final Map<String, String> headers = new HashMap<>();
    private byte[] body;
    private boolean base64;

    private Deliveries(String event, byte[] body, String contentType) {
        this.method = "POST";
        this.body = body;
        headers.put(GitHubHeaders.EVENT, event);
        headers.put(GitHubHeaders.DELIVERY, UUID.randomUUID().toString());
        headers.put(GitHubHeaders.CONTENT_TYPE, contentType);
        headers.put(GitHubHeaders.INSTALLATION_TARGET_ID, "12345");
        headers.put("user-agent", "GitHub-Hookshot/abc123");
    }

    static Deliveries json(String event, String payload) {
        return new Deliveries(event, payload.getBytes(StandardCharsets.UTF_8), GitHubHeaders.JSON);
    }

    static Deliveries form(String event, String formBody) {
        return new Deliveries(event, formBody.getBytes(StandardCharsets.ISO_8859_1), GitHubHeaders.FORM);
    }

    Deliveries signedWith(String secret) {
        return header(GitHubHeaders.SIGNATURE_256, WebhookSignature.sign(new WebhookSecret(secret), body));
    }

    Deliveries header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    Deliveries without(String name) {
        return header(name, null);
    }

    Deliveries base64() {
        this.base64 = true;
        return this;
    }

    String delivery() {
        return headers.get(GitHubHeaders.DELIVERY);
    }

    APIGatewayV2HTTPEvent event() {
        return event(method);
    }

    APIGatewayV2HTTPEvent event(String httpMethod) {
        String path = "/api/github/webhook";
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(httpMethod + " " + path)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(new HashMap<>(headers))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(httpMethod).withPath(path).withProtocol("HTTP/1.1").build())
                        .withRequestId(UUID.randomUUID().toString())
                        .build())
                .withBody(base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(base64)
                .build();
    }
}
