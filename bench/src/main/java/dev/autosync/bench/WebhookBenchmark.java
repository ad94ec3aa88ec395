package dev.autosync.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Log;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Resources;
import dev.autosync.standins.ProjectRoot;
import dev.autosync.webhook.GitHubHeaders;
import dev.autosync.webhook.WebhookHandler;
import dev.autosync.webhook.WebhookSecret;
import dev.autosync.webhook.WebhookSignature;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The webhook handler's latency per delivery (verify, validate, scan, SendMessage, log) for a typical
 * 8 KB push, against a bare SQS SendMessage of the same body by an identically built client. Target:
 * the handler adds under 20 % at p99.
 */
final class WebhookBenchmark implements BenchmarkSection {

    private static final String SECRET = "bench-secret";
    private static final int WARM_UP = 3_000;
    private static final int MEASURED = 5_000;
    private static final int PURGE_EVERY = 1_000;

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Resources resources = context.provision();
        Env env = new Env(environment(context, resources));
        WebhookHandler handler = WebhookHandler.from(env);
        byte[] payload = Files.readAllBytes(ProjectRoot.find().resolve("events/payloads/push.json"));
        String body = new String(payload, StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(new WebhookSecret(SECRET), payload);

        PrintStream stdout = System.out;
        // One log line per delivery still gets built; only the terminal is spared.
        LogBytes logBytes = new LogBytes();
        Log.redirect(logBytes.stream());
        try (SqsClient sqs = AwsClients.from(new Env(environment(context, resources))).sqs()) {
            measure(WARM_UP, handler, sqs, resources, body, signature);
            logBytes.reset();
            Latencies[] measured = measure(MEASURED, handler, sqs, resources, body, signature);
            report(context, payload.length, measured[0], measured[1]);
            context.out().printf("log lines per delivery %d bytes (JSON and EMF lines, for the README's cost notes)%n",
                    logBytes.bytes() / measured[1].count());
            record(context.figures(), measured[0], measured[1], logBytes.bytes() / measured[1].count());
        } finally {
            Log.redirect(stdout);
        }
    }

    /** Alternates handler and bare sends so drift in the stand-in affects both alike. */
    private static Latencies[] measure(int rounds, WebhookHandler handler, SqsClient sqs, Resources resources,
                                       String body, String signature) {
        Latencies bare = new Latencies(rounds);
        Latencies webhook = new Latencies(rounds);
        for (int i = 0; i < rounds; i++) {
            if (i % PURGE_EVERY == 0) {
                sqs.purgeQueue(b -> b.queueUrl(resources.eventsQueueUrl()));
            }
            APIGatewayV2HTTPEvent event = event(body, signature);
            long start = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
            webhook.record(System.nanoTime() - start);
            if (response.getStatusCode() != 202) {
                throw new IllegalStateException("the handler answered " + response.getStatusCode() + ": " + response.getBody());
            }
            start = System.nanoTime();
            sqs.sendMessage(b -> b.queueUrl(resources.eventsQueueUrl()).messageBody(body));
            bare.record(System.nanoTime() - start);
        }
        return new Latencies[] {bare, webhook};
    }

    private static void report(BenchContext context, int bytes, Latencies bare, Latencies webhook) {
        PrintStream out = context.out();
        out.printf("payload %d bytes (events/payloads/push.json), %d deliveries after %d warm-up, %s%n",
                bytes, bare.count(), WARM_UP, context.backend().description());
        out.printf("bare SQS SendMessage   p50 %7.3f ms   p99 %7.3f ms%n",
                bare.percentileMillis(50), bare.percentileMillis(99));
        out.printf("webhook handler        p50 %7.3f ms   p99 %7.3f ms%n",
                webhook.percentileMillis(50), webhook.percentileMillis(99));
        out.printf("handler / bare         p50 %7.3f x    p99 %7.3f x    (target: p99 < 1.20 x)%n",
                webhook.percentileMillis(50) / bare.percentileMillis(50),
                webhook.percentileMillis(99) / bare.percentileMillis(99));
    }

    private static void record(Figures figures, Latencies bare, Latencies webhook, long logBytesPerDelivery) {
        for (int percentile : new int[] {50, 99}) {
            figures.add("webhook handler p" + percentile, webhook.percentileMillis(percentile), "ms",
                    "bare SQS SendMessage p" + percentile, bare.percentileMillis(percentile),
                    percentile == 99 ? "ratio < 1.20" : null);
        }
        figures.add("log lines per delivery", logBytesPerDelivery, "bytes", null);
        figures.series("webhook.handler.ms", webhook.millis());
        figures.series("webhook.bare.ms", bare.millis());
    }

    private static APIGatewayV2HTTPEvent event(String body, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put(GitHubHeaders.CONTENT_TYPE, GitHubHeaders.JSON);
        headers.put(GitHubHeaders.EVENT, "push");
        headers.put(GitHubHeaders.DELIVERY, UUID.randomUUID().toString());
        headers.put(GitHubHeaders.SIGNATURE_256, signature);
        headers.put(GitHubHeaders.INSTALLATION_TARGET_ID, "1");
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath("/api/github/webhook")
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build())
                        .build())
                .build();
    }

    private static Map<String, String> environment(BenchContext context, Resources resources) {
        Map<String, String> vars = new HashMap<>(resources.asEnvironment());
        vars.put(EnvVars.AWS_ENDPOINT_URL_SQS, context.backend().sqsEndpoint().toString());
        vars.put(EnvVars.AWS_ENDPOINT_URL_DYNAMODB, context.backend().dynamoDbEndpoint().toString());
        vars.put(EnvVars.GITHUB_WEBHOOK_SECRET, SECRET);
        return vars;
    }
}
