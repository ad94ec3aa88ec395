package dev.autosync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.autosync.common.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Secrets Manager's {@code GetSecretValue} and nothing else, over its JSON protocol, so a cold start reads its
 * secrets as it does in AWS (the embedded stand-ins have no Secrets Manager). Unknown secrets answer 400
 * {@code ResourceNotFoundException}.
 *
 * @see <a href="https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html">GetSecretValue</a>
 */
final class SecretsStandIn implements AutoCloseable {

    private final HttpServer server;

    private SecretsStandIn(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code secrets} (ARN to secret string) on a free local port. */
    static SecretsStandIn start(Map<String, String> secrets) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
                String arn = body.path("SecretId").asText();
                String secret = secrets.get(arn);
                ObjectNode answer = Json.mapper().createObjectNode();
                int status = 200;
                if (secret == null) {
                    status = 400;
                    answer.put("__type", "ResourceNotFoundException").put("message", "no secret " + arn);
                } else {
                    answer.put("ARN", arn).put("Name", arn.substring(arn.lastIndexOf(':') + 1))
                            .put("SecretString", secret).put("VersionId", "bench-v1");
                    answer.putArray("VersionStages").add("AWSCURRENT");
                }
                byte[] bytes = Json.mapper().writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        return new SecretsStandIn(server);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
