package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local gateway against functions that only record or misbehave: no stand-ins needed. */
class LocalGatewayTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();
    private LocalGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void request_becomesThePayload2Event_apiGatewayWouldSend() throws Exception {
        start(event -> {
            seen.set(event);
            return ok();
        });
        byte[] form = "payload=%7B%7D&x=1".getBytes(StandardCharsets.US_ASCII);
        long before = System.currentTimeMillis();

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/api/a%20b+c?b=1&a=x%2By&b=3"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Custom", "one").header("X-Custom", "two")
                .header("Cookie", "c1=v1; c2=v2")
                .header("User-Agent", "GitHub-Hookshot/abc")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(List.of("a=1; Path=/", "b=2"), response.headers().allValues("set-cookie"));
        APIGatewayV2HTTPEvent event = seen.get();
        assertEquals("2.0", event.getVersion());
        assertEquals("ANY /api/{proxy+}", event.getRouteKey());
        assertEquals("/api/a%20b+c", event.getRawPath());
        assertEquals("b=1&a=x%2By&b=3", event.getRawQueryString());
        assertEquals(Map.of("b", "1,3", "a", "x+y"), event.getQueryStringParameters());
        assertEquals(List.of("c1=v1", "c2=v2"), event.getCookies());
        assertEquals("one,two", event.getHeaders().get("x-custom"), "repeats joined by commas");
        assertFalse(event.getHeaders().containsKey("cookie"), "cookies travel apart");
        assertTrue(event.getHeaders().keySet().stream().allMatch(name -> name.equals(name.toLowerCase())));
        // A form body is not a text type: API Gateway base64-encodes it, and the signature covers those bytes.
        assertTrue(event.getIsBase64Encoded());
        assertArrayEquals(form, Base64.getDecoder().decode(event.getBody()));
        APIGatewayV2HTTPEvent.RequestContext.Http http = event.getRequestContext().getHttp();
        assertEquals("POST", http.getMethod());
        assertEquals("/api/a b+c", http.getPath(), "percent-decoded; '+' is not a space in a path");
        assertEquals("HTTP/1.1", http.getProtocol());
        assertEquals("127.0.0.1", http.getSourceIp());
        assertEquals("GitHub-Hookshot/abc", http.getUserAgent());
        long epoch = event.getRequestContext().getTimeEpoch();
        assertTrue(epoch >= before && epoch <= System.currentTimeMillis(), "timeEpoch is the receive time");
    }

    @Test
    void jsonBody_isPassedAsText_andNoQueryMeansNoParameters() throws Exception {
        start(event -> {
            seen.set(event);
            return ok();
        });

        HTTP.send(HttpRequest.newBuilder(url("/api/github/webhook/")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"zen\":\"ü\"}")).build(), HttpResponse.BodyHandlers.ofString());

        APIGatewayV2HTTPEvent event = seen.get();
        assertFalse(event.getIsBase64Encoded());
        assertEquals("{\"zen\":\"ü\"}", event.getBody());
        assertEquals("", event.getRawQueryString());
        assertNull(event.getQueryStringParameters());
        assertNull(event.getCookies());
    }

    // Without a cap a huge body is read into memory whole; API Gateway refuses it with 413 instead.
    @Test
    void bodyOverTheHttpApiLimit_gets413_withoutInvokingTheFunction() throws Exception {
        start(event -> {
            seen.set(event);
            return ok();
        });
        InputStream huge = new ByteArrayInputStream(new byte[LocalGateway.MAX_REQUEST_BYTES + 1]);

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/api/x"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> huge)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("\"request_too_large\""), response.body());
        assertNull(seen.get());
    }

    // Lambda refuses a synchronous invocation over 6 MB, so a body within API Gateway's 10 MB quota may still
    // never reach the function in AWS: locally the function must not see it either.
    @Test
    void bodyOverLambdasInvokeLimit_gets413_withoutInvokingTheFunction() throws Exception {
        start(event -> {
            seen.set(event);
            return ok();
        });
        String json = "{\"pad\":\"" + "x".repeat(LocalGateway.MAX_INVOKE_BODY_CHARS) + "\"}";

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/api/github/webhook"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("\"request_too_large\""), response.body());
        assertNull(seen.get());
    }

    // Before, a response the gateway could not decode dropped the connection with no answer at all.
    @Test
    void failingOrMalformedFunctionResponse_isA500JsonError_notADroppedConnection() throws Exception {
        start(event -> {
            if (event.getRawPath().endsWith("/throws")) {
                throw new IllegalStateException("boom");
            }
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withIsBase64Encoded(true)
                    .withBody("not base64!").build();
        });

        for (String path : List.of("/api/throws", "/api/bad-base64")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url(path)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(500, response.statusCode(), path);
            assertTrue(response.body().contains("\"internal_error\""), response.body());
            assertFalse(response.body().contains("boom"), "no exception detail reaches the caller");
        }
    }

    // Protects against a gateway any machine on the network can post webhooks to or read the API from.
    @Test
    void gatewayOnLoopback_isNotReachableOnThisMachinesOtherAddresses() throws Exception {
        start(event -> ok());
        Optional<InetAddress> other = otherAddress();
        assumeTrue(other.isPresent(), "this machine has no non-loopback IPv4 address to try");

        assertTrue(gateway.address().isLoopbackAddress());
        assertThrows(ConnectException.class, () -> connect(other.get(), gateway.port()));
    }

    @Test
    void gatewayOnEveryInterface_isReachableOnThem() throws Exception {
        gateway = new LocalGateway(InetAddress.getByName("0.0.0.0"), 0, List.of(Route.prefix(Route.ANY, "/api", e -> ok())));
        gateway.start();
        Optional<InetAddress> other = otherAddress();
        assumeTrue(other.isPresent(), "this machine has no non-loopback IPv4 address to try");

        connect(other.get(), gateway.port());
    }

    private static void connect(InetAddress address, int port) throws java.io.IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }

    private static Optional<InetAddress> otherAddress() throws java.net.SocketException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (java.net.SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
    }

    private void start(HttpFunction function) {
        gateway = new LocalGateway(InetAddress.getLoopbackAddress(), 0, List.of(Route.exact(Route.ANY, "/api/github/webhook", function),
                Route.prefix(Route.ANY, "/api", function)));
        gateway.start();
    }

    private URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    private static APIGatewayV2HTTPResponse ok() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("{}")
                .withCookies(List.of("a=1; Path=/", "b=2")).build();
    }
}
