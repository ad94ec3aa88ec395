package dev.autosync.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autosync.api.ApiHandler;
import dev.autosync.processing.ProcessorHandler;
import dev.autosync.webhook.WebhookHandler;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The main of one cold start, run by {@link ColdStartBenchmark} in a fresh JVM whose class path is the shaded
 * Lambda jar (and this class): builds one function's handler as Lambda does (public no-arg constructor,
 * configuration from the process environment), answers one request, prints the answer and exits. With
 * {@code floor} it answers the same request with a handler that does nothing: the JVM's own start-up, the
 * floor the real handler is compared with. Prints the milliseconds of construction and of the first request
 * (after the JVM's own start, which the parent's wall time includes). Only JDK and jar classes may be
 * referenced here.
 *
 * <p>Arguments: {@code webhook|processor|api}, {@code real|floor}, and a properties file holding the request
 * ({@code method}, {@code path}, {@code body}, {@code header.*}; for the processor {@code messageId} and
 * {@code attribute.*}).
 */
public final class ColdStartChild {

    private ColdStartChild() {
    }

    public static void main(String[] args) throws Exception {
        long begin = System.nanoTime();
        boolean floor = "floor".equals(args[1]);
        Properties request = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[2]), StandardCharsets.UTF_8)) {
            request.load(reader);
        }
        long built;
        String answer;
        switch (args[0]) {
            case "webhook", "api" -> {
                RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = floor
                        ? (event, context) -> APIGatewayV2HTTPResponse.builder().withStatusCode(200).build()
                        : "webhook".equals(args[0]) ? new WebhookHandler() : new ApiHandler();
                built = System.nanoTime();
                answer = Integer.toString(handler.handleRequest(http(request), null).getStatusCode());
            }
            case "processor" -> {
                RequestHandler<SQSEvent, SQSBatchResponse> handler = floor
                        ? (event, context) -> new SQSBatchResponse(List.of())
                        : new ProcessorHandler();
                built = System.nanoTime();
                answer = handler.handleRequest(sqs(request), null).getBatchItemFailures().size() + " failures";
            }
            default -> throw new IllegalArgumentException("unknown function " + args[0]);
        }
        long answered = System.nanoTime();
        // What SnapStart would snapshot (construction) and what a restored instance still pays (the first request).
        System.out.println("timings " + (built - begin) / 1_000_000 + " " + (answered - built) / 1_000_000);
        System.out.println("answered " + answer);
        System.exit(0);
    }

    /** The request as API Gateway (payload format 2.0) hands it over; also used to queue the processor's deliveries. */
    static APIGatewayV2HTTPEvent http(Properties request) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(request.getProperty("path"))
                .withHeaders(prefixed(request, "header."))
                .withBody(request.getProperty("body"))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(request.getProperty("method")).build())
                        .build())
                .build();
    }

    private static SQSEvent sqs(Properties request) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(request.getProperty("messageId"));
        message.setBody(request.getProperty("body"));
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        prefixed(request, "attribute.").forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType("String");
            attribute.setStringValue(value);
            attributes.put(name, attribute);
        });
        message.setMessageAttributes(attributes);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    private static Map<String, String> prefixed(Properties request, String prefix) {
        Map<String, String> values = new HashMap<>();
        request.stringPropertyNames().stream().filter(n -> n.startsWith(prefix))
                .forEach(n -> values.put(n.substring(prefix.length()), request.getProperty(n)));
        return values;
    }
}
