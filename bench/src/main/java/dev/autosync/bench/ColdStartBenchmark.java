package dev.autosync.bench;

import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Log;
import dev.autosync.common.aws.Resources;
import dev.autosync.standins.ProjectRoot;
import dev.autosync.webhook.GitHubHeaders;
import dev.autosync.webhook.WebhookHandler;
import dev.autosync.webhook.WebhookSecret;
import dev.autosync.webhook.WebhookSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Cold start of the webhook, processor and api functions: a fresh JVM with the Lambda's JVM options
 * ({@code JAVA_TOOL_OPTIONS} of template.yaml), the shaded jar on its class path, building the real handler from
 * its environment (stand-ins: dynalite, ElasticMQ, a Secrets Manager stand-in) and answering one request —
 * a signed push, one SQS message of a delivery the webhook queued, {@code GET /api/repositories} — measured
 * from process start to exit after the answer, initialised on demand ({@code AWS_LAMBDA_INITIALIZATION_TYPE}),
 * so without priming. The floor: the same JVM answering the same request with a handler that does nothing.
 * Median of {@value #RUNS} runs each, alternated; target ≤ 2 × the floor. Beside it, the child's own split
 * (constructing the handler, the first request), and the same for a JVM initialised as for a SnapStart snapshot,
 * which primes ({@code common.Priming}): its construction is what the snapshot holds, its first request what a
 * restored container still pays (less its restore), shown beside the do-nothing handler's first request.
 * Not measured: Lambda's own runtime and its JSON decoding of the event, and SnapStart's restore.
 */
final class ColdStartBenchmark implements BenchmarkSection {

    static final int RUNS = 5;
    private static final String SECRET = "bench-secret";
    private static final String TOKEN = "bench-token-0123456789abcdef";
    private static final String WEBHOOK_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:autosync-webhook-AbCdEf";
    private static final String API_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:autosync-api-AbCdEf";
    private static final Pattern TOOL_OPTIONS = Pattern.compile("JAVA_TOOL_OPTIONS:\\s*(.+)");

    @Override
    public String name() {
        return "coldstart";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Path jar = LambdaJar.locate();
        String options = (lambdaJvmOptions() + " " + System.getProperty("bench.coldstart.extraOptions", "")).trim();
        Resources resources = context.provision();
        Path work = Files.createTempDirectory("autosync-coldstart");
        PrintStream out = context.out();
        try (SecretsStandIn secrets = SecretsStandIn.start(Map.of(WEBHOOK_SECRET_ARN, SECRET, API_SECRET_ARN, TOKEN))) {
            Map<String, String> environment = environment(context, resources, secrets, options);
            List<Path> webhook = new ArrayList<>();
            for (int i = 0; i < 2 * RUNS; i++) {
                webhook.add(write(work, "webhook-" + i, webhookRequest()));
            }
            List<Path> processor = queuedDeliveries(context, resources, environment, work);
            Path api = write(work, "api", apiRequest());
            out.printf("fresh JVMs: %s, JAVA_TOOL_OPTIONS=%s (template.yaml), class path %s (%,d bytes); %d runs each,"
                    + " median; the floor answers the same request with a handler that does nothing%n",
                    javaCommand(), options, jar.getFileName(), Files.size(jar), RUNS);
            measure(context, "webhook", "202", webhook, jar, environment, work);
            measure(context, "processor", "0 failures", processor, jar, environment, work);
            measure(context, "api", "200", List.of(api), jar, environment, work);
        }
    }

    private void measure(BenchContext context, String function, String expected, List<Path> requests, Path jar,
                         Map<String, String> environment, Path work) throws Exception {
        double[] real = new double[RUNS];
        double[] floor = new double[RUNS];
        double[] construction = new double[RUNS];
        double[] firstRequest = new double[RUNS];
        double[] snapConstruction = new double[RUNS];
        double[] snapFirstRequest = new double[RUNS];
        double[] floorFirstRequest = new double[RUNS];
        Map<String, String> onDemand = initialization(environment, "on-demand");
        Map<String, String> snapStart = initialization(environment, "snap-start");
        for (int i = 0; i < RUNS; i++) {
            Run floorRun = start(function, "floor", requests.get(i % requests.size()), jar, onDemand, work, null);
            floor[i] = floorRun.wallMillis();
            floorFirstRequest[i] = floorRun.firstRequestMillis();
            Run run = start(function, "real", requests.get(i % requests.size()), jar, onDemand, work, expected);
            real[i] = run.wallMillis();
            construction[i] = run.constructionMillis();
            firstRequest[i] = run.firstRequestMillis();
            Run snap = start(function, "real", requests.get((RUNS + i) % requests.size()), jar, snapStart, work, expected);
            snapConstruction[i] = snap.constructionMillis();
            snapFirstRequest[i] = snap.firstRequestMillis();
        }
        double realMedian = median(real);
        double floorMedian = median(floor);
        context.out().printf("%-9s first answer %7.0f ms   floor %7.0f ms   x%.2f  %s (target <= 2.00 x)   runs %s / floor %s%n",
                function, realMedian, floorMedian, realMedian / floorMedian, realMedian <= 2 * floorMedian ? "ok" : "OVER",
                Arrays.toString(rounded(real)), Arrays.toString(rounded(floor)));
        context.out().printf("          on demand (no priming): constructing the handler %5.0f ms, the first request %5.0f ms%n",
                median(construction), median(firstRequest));
        context.out().printf("          SnapStart (primed): constructing the handler %5.0f ms (in the snapshot), the first request"
                + " %5.0f ms (what a restored container pays; the floor's %.0f ms)%n",
                median(snapConstruction), median(snapFirstRequest), median(floorFirstRequest));
        context.figures().add("cold start to first answer, " + function, realMedian, "ms",
                "fresh JVM, do-nothing handler", floorMedian, "ratio ≤ 2.00");
        context.figures().add("cold start, " + function + ": handler construction, on demand", median(construction), "ms", null);
        context.figures().add("cold start, " + function + ": first request, on demand", median(firstRequest), "ms", null);
        context.figures().add("cold start, " + function + ": handler construction with priming (SnapStart snapshots it)",
                median(snapConstruction), "ms", null);
        context.figures().add("cold start, " + function + ": first request after a primed construction (what a SnapStart"
                + " restore still pays)", median(snapFirstRequest), "ms", "the do-nothing handler's first request",
                median(floorFirstRequest), null);
    }

    /** {@code environment} as Lambda sets it for an execution environment initialised as {@code type}. */
    private static Map<String, String> initialization(Map<String, String> environment, String type) {
        Map<String, String> vars = new HashMap<>(environment);
        vars.put(EnvVars.AWS_LAMBDA_INITIALIZATION_TYPE, type);
        return vars;
    }

    /** One fresh JVM: wall time from start to exit, and the child's own split of it. */
    private record Run(double wallMillis, double constructionMillis, double firstRequestMillis) {
    }

    /** Starts a fresh JVM and waits for its exit after answering; checks the answer when told. */
    private static Run start(String function, String mode, Path request, Path jar, Map<String, String> environment,
                             Path work, String expected) throws Exception {
        Path output = work.resolve(function + "-" + mode + ".out");
        ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-cp",
                jar + java.io.File.pathSeparator + childClasses(), ColdStartChild.class.getName(), function, mode,
                request.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long begin = System.nanoTime();
        Process child = builder.start();
        int exit = child.waitFor();
        double millis = (System.nanoTime() - begin) / 1e6;
        String printed = Files.readString(output);
        String answered = printed.lines().filter(l -> l.startsWith("answered ")).findFirst().orElse("");
        if (exit != 0 || answered.isEmpty() || (expected != null && !answered.equals("answered " + expected))) {
            throw new IllegalStateException(function + " (" + mode + ") exited " + exit + " expecting 'answered "
                    + expected + "':\n" + tail(printed));
        }
        String[] timings = printed.lines().filter(l -> l.startsWith("timings ")).findFirst().orElseThrow().split(" ");
        return new Run(millis, Double.parseDouble(timings[1]), Double.parseDouble(timings[2]));
    }

    /** The webhook queues 2 × {@link #RUNS} deliveries in this process; the processor children each get one. */
    private static List<Path> queuedDeliveries(BenchContext context, Resources resources,
                                               Map<String, String> environment, Path work) throws IOException {
        Map<String, String> vars = new HashMap<>(environment);
        vars.put(EnvVars.GITHUB_WEBHOOK_SECRET, SECRET);
        vars.remove(EnvVars.GITHUB_WEBHOOK_SECRET_ARN);
        PrintStream stdout = System.out;
        Log.redirect(new PrintStream(OutputStream.nullOutputStream()));
        try {
            WebhookHandler handler = WebhookHandler.from(new Env(vars));
            for (int i = 0; i < 2 * RUNS; i++) {
                handler.handleRequest(ColdStartChild.http(webhookRequest()), null);
            }
        } finally {
            Log.redirect(stdout);
        }
        List<Path> requests = new ArrayList<>();
        try (SqsClient sqs = context.clients().sqs()) {
            while (requests.size() < 2 * RUNS) {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(resources.eventsQueueUrl())
                        .maxNumberOfMessages(10).waitTimeSeconds(1).messageAttributeNames("All")).messages();
                if (messages.isEmpty()) {
                    throw new IllegalStateException("the webhook queued " + requests.size() + " of " + 2 * RUNS + " deliveries");
                }
                for (Message message : messages) {
                    Properties request = new Properties();
                    request.setProperty("messageId", message.messageId());
                    request.setProperty("body", message.body());
                    message.messageAttributes().forEach((name, value) -> {
                        if (value.stringValue() != null) {
                            request.setProperty("attribute." + name, value.stringValue());
                        }
                    });
                    requests.add(write(work, "processor-" + requests.size(), request));
                }
            }
        }
        return requests;
    }

    private static Properties webhookRequest() throws IOException {
        byte[] payload = Files.readAllBytes(ProjectRoot.find().resolve("events/payloads/push.json"));
        Properties request = new Properties();
        request.setProperty("method", "POST");
        request.setProperty("path", "/api/github/webhook");
        request.setProperty("body", new String(payload, StandardCharsets.UTF_8));
        request.setProperty("header." + GitHubHeaders.CONTENT_TYPE, GitHubHeaders.JSON);
        request.setProperty("header." + GitHubHeaders.EVENT, "push");
        request.setProperty("header." + GitHubHeaders.DELIVERY, UUID.randomUUID().toString());
        request.setProperty("header." + GitHubHeaders.SIGNATURE_256, WebhookSignature.sign(new WebhookSecret(SECRET), payload));
        request.setProperty("header." + GitHubHeaders.INSTALLATION_TARGET_ID, "1");
        return request;
    }

    private static Properties apiRequest() {
        Properties request = new Properties();
        request.setProperty("method", "GET");
        request.setProperty("path", "/api/repositories");
        request.setProperty("body", "");
        request.setProperty("header.authorization", "Bearer " + TOKEN);
        return request;
    }

    private static Map<String, String> environment(BenchContext context, Resources resources, SecretsStandIn secrets,
                                                   String options) {
        Map<String, String> vars = new HashMap<>(resources.asEnvironment());
        vars.put("JAVA_TOOL_OPTIONS", options);
        vars.put(EnvVars.AWS_REGION, context.backend().region());
        vars.put(EnvVars.AWS_ENDPOINT_URL_DYNAMODB, context.backend().dynamoDbEndpoint().toString());
        vars.put(EnvVars.AWS_ENDPOINT_URL_SQS, context.backend().sqsEndpoint().toString());
        vars.put(EnvVars.AWS_ENDPOINT_URL_SECRETSMANAGER, secrets.endpoint().toString());
        vars.put(EnvVars.GITHUB_WEBHOOK_SECRET_ARN, WEBHOOK_SECRET_ARN);
        vars.put(EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN, API_SECRET_ARN);
        vars.put(EnvVars.AUTOSYNC_METRICS_NAMESPACE, "bench");
        return vars;
    }

    /** The functions' {@code JAVA_TOOL_OPTIONS}, as template.yaml sets them (SamParityTest holds the CDK app equal). */
    static String lambdaJvmOptions() throws IOException {
        Matcher matcher = TOOL_OPTIONS.matcher(Files.readString(ProjectRoot.find().resolve("template.yaml")));
        if (!matcher.find()) {
            throw new IllegalStateException("template.yaml sets no JAVA_TOOL_OPTIONS");
        }
        return matcher.group(1).trim();
    }

    private static Path write(Path work, String name, Properties request) throws IOException {
        Path file = work.resolve(name + ".properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            request.store(writer, null);
        }
        return file;
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Where {@link ColdStartChild} was loaded from (bench/target/classes); nothing else there is loaded. */
    private static String childClasses() {
        try {
            return Path.of(ColdStartChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long[] rounded(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }

    private static String tail(String text) {
        return text.length() <= 4_000 ? text : text.substring(text.length() - 4_000);
    }
}
