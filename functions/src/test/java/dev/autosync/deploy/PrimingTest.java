package dev.autosync.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.autosync.api.ApiHandler;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Metrics;
import dev.autosync.common.Priming;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.processing.ProcessorHandler;
import dev.autosync.testing.CapturedLines;
import dev.autosync.webhook.GitHubHeaders;
import dev.autosync.webhook.WebhookHandler;
import dev.autosync.webhook.WebhookSecret;
import dev.autosync.webhook.WebhookSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Priming ({@link Priming}) as SnapStart runs it, in each handler's construction (Lambda says
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}): the request path runs over
 * the real SDK clients, yet no call leaves the process and no line but the one saying so is printed; and after
 * construction the same clients call AWS again. AWS here is one loopback server that records every call (by
 * its {@code X-Amz-Target}) and answers Secrets Manager with a secret and anything else with an error.
 */
class PrimingTest {

    private static final String SECRET = "primed-webhook-secret";
    private static final String TOKEN = "primed-api-token-0123456789";
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:autosync-%s-AbCdEf";

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicInteger credentialFetches = new java.util.concurrent.atomic.AtomicInteger();
    private HttpServer aws;

    @BeforeEach
    void startAws() throws IOException {
        aws = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        aws.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            calls.add(target);
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean secret = "secretsmanager.GetSecretValue".equals(target);
            String value = request.contains("autosync-webhook") ? SECRET : TOKEN;
            byte[] body = (secret
                    ? "{\"ARN\":\"" + ARN.formatted("x") + "\",\"Name\":\"x\",\"SecretString\":\"" + value + "\"}"
                    : "{\"__type\":\"ValidationException\",\"message\":\"this stand-in only records calls\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(secret ? 200 : 400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        aws.createContext("/credentials", exchange -> {
            credentialFetches.incrementAndGet();
            byte[] body = ("{\"AccessKeyId\":\"AKIAPRIMINGTEST\",\"SecretAccessKey\":\"secret\",\"Token\":\"token\","
                    + "\"Expiration\":\"2099-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        aws.start();
    }

    @AfterEach
    void stopAws() {
        aws.stop(0);
        Metrics.configure(new Env(Map.of()));
    }

    @Test
    void eachHandler_primesItsRequestPath_withNoCallLeavingTheProcess_andNothingPrintedButThatItPrimed() {
        WebhookHandler webhook;
        ApiHandler api;
        List<JsonNode> lines;
        try (CapturedLines captured = new CapturedLines()) {
            webhook = WebhookHandler.from(new Env(webhookEnvironment()));
            ProcessorHandler.from(new Env(environment()));
            api = ApiHandler.from(new Env(apiEnvironment()));
            lines = captured.lines();
        }

        assertEquals(List.of(), calls, "priming answers every AWS call in the process");
        assertEquals(3, lines.size(), "one line per function, nothing from the primed paths: " + lines);
        Map<String, Integer> answered = new HashMap<>();
        for (JsonNode line : lines) {
            assertEquals("primed", line.path("message").asText(), line.toString());
            answered.put(line.path("function").asText(), line.path("aws_calls_answered").asInt());
        }
        // Both passes: the webhook reads its secret and queues the push; the processor claims, archives and
        // writes it; the api reads its secret and serves six routes.
        assertTrue(answered.get("webhook") >= 4, answered.toString());
        assertTrue(answered.get("processor") >= 10, answered.toString());
        assertTrue(answered.get("api") >= 12, answered.toString());

        // After construction the clients call AWS: the webhook reads its secret and queues (here refused: a 503).
        assertEquals(503, webhook.handleRequest(signedPush(), null).getStatusCode());
        assertEquals(List.of("secretsmanager.GetSecretValue", "AmazonSQS.SendMessage"), calls.subList(0, 2));
        calls.clear();
        api.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath("/api/repositories")
                .withHeaders(Map.of("authorization", "Bearer " + TOKEN))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build()).build())
                .build(), null);
        assertEquals("secretsmanager.GetSecretValue", calls.get(0));
        assertTrue(calls.stream().anyMatch(target -> target.startsWith("DynamoDB_20120810.")), calls.toString());
    }

    // Under SnapStart, Lambda serves the role's credentials from a container endpoint. Signing a primed request
    // with them would fetch them during init (a call out of the process) and keep them in the snapshot.
    @Test
    void primedRequests_askNoCredentialChain_evenOnRealAwsEndpoints() {
        String property = "aws.containerCredentialsFullUri";
        System.setProperty(property, "http://127.0.0.1:" + aws.getAddress().getPort() + "/credentials");
        try {
            Map<String, String> vars = environment();
            vars.remove(EnvVars.AWS_ENDPOINT_URL); // the real endpoints, signed with the default chain
            ProcessorHandler.from(new Env(vars));
            assertEquals(0, credentialFetches.get(), "the credential chain was asked while priming");
            assertEquals(List.of(), calls);
            // while a real call does ask it (here refused before it leaves: nothing listens for AWS)
            software.amazon.awssdk.auth.credentials.AwsCredentials credentials =
                    software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build().resolveCredentials();
            assertEquals("AKIAPRIMINGTEST", credentials.accessKeyId());
            assertEquals(1, credentialFetches.get());
        } finally {
            System.clearProperty(property);
        }
    }

    // An on-demand init is the cold start itself: priming there would only add its work to the first answer.
    @Test
    void onlyASnapshotOrProvisionedInitPrimes() {
        for (String initialization : new String[] {"on-demand", null, "provisioned-concurrency"}) {
            Map<String, String> vars = webhookEnvironment();
            if (initialization == null) {
                vars.remove(EnvVars.AWS_LAMBDA_INITIALIZATION_TYPE);
            } else {
                vars.put(EnvVars.AWS_LAMBDA_INITIALIZATION_TYPE, initialization);
            }
            try (CapturedLines captured = new CapturedLines()) {
                WebhookHandler.from(new Env(vars));
                assertEquals("provisioned-concurrency".equals(initialization) ? 1 : 0, captured.lines().size(),
                        initialization + ": " + captured.lines());
            }
        }
        assertEquals(List.of(), calls);
    }

    @Test
    void onlyThePrimingThreadsCallsAreAnswered_anotherThreadsGoToAws() throws Exception {
        SqsClient sqs = AwsClients.from(new Env(environment())).sqs();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Priming.run("test", () -> {
                sqs.getQueueUrl(b -> b.queueName("primed")); // answered here
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> other.submit(() -> sqs.getQueueUrl(b -> b.queueName("real"))).get());
                assertTrue(e.getCause() instanceof SdkException, e.toString());
            });
        } finally {
            other.shutdownNow();
        }
        assertEquals(List.of("AmazonSQS.GetQueueUrl"), calls);
        assertThrows(SdkException.class, () -> sqs.getQueueUrl(b -> b.queueName("after")));
        assertEquals(2, calls.size(), "after priming, the priming thread's calls go to AWS again");
    }

    private Map<String, String> environment() {
        String endpoint = "http://127.0.0.1:" + aws.getAddress().getPort();
        Map<String, String> vars = new HashMap<>();
        vars.put(EnvVars.TABLE_NAME, "primed-autosync");
        vars.put(EnvVars.EVENTS_QUEUE_URL, endpoint + "/123456789012/events");
        vars.put(EnvVars.SYNC_TASKS_QUEUE_URL, endpoint + "/123456789012/sync-tasks");
        vars.put(EnvVars.AWS_ENDPOINT_URL, endpoint);
        vars.put(EnvVars.AWS_REGION, "eu-west-1");
        vars.put(EnvVars.AWS_LAMBDA_INITIALIZATION_TYPE, "snap-start");
        return vars;
    }

    private Map<String, String> webhookEnvironment() {
        Map<String, String> vars = environment();
        vars.put(EnvVars.GITHUB_WEBHOOK_SECRET_ARN, ARN.formatted("webhook"));
        return vars;
    }

    private Map<String, String> apiEnvironment() {
        Map<String, String> vars = environment();
        vars.put(EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN, ARN.formatted("api"));
        return vars;
    }

    private static APIGatewayV2HTTPEvent signedPush() {
        byte[] payload = Priming.samplePush();
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath("/api/github/webhook")
                .withHeaders(Map.of(GitHubHeaders.CONTENT_TYPE, GitHubHeaders.JSON,
                        GitHubHeaders.EVENT, "push",
                        GitHubHeaders.DELIVERY, UUID.randomUUID().toString(),
                        GitHubHeaders.SIGNATURE_256, WebhookSignature.sign(new WebhookSecret(SECRET), payload)))
                .withBody(new String(payload, StandardCharsets.UTF_8))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
                .build();
    }
}
