package dev.autosync.bench;

import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Log;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Provisioner;
import dev.autosync.github.GitHubClient;
import dev.autosync.github.GitHubConfig;
import dev.autosync.github.InstallationId;
import dev.autosync.github.Page;
import dev.autosync.github.Repository;
import dev.autosync.sandbox.GitHubSandbox;
import dev.autosync.standins.AwsBackend;
import dev.autosync.store.DynamoEtagStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * GitHub API cost of listing an installation of 1,000 repositories against the sandbox: requests and
 * primary rate-limit points on a first run, on a second unchanged run in the same container (ETags),
 * and in a new container whose ETags come from DynamoDB but whose installation token is new. The first
 * run is the baseline. Targets: 10 listing requests each run; 0 points on the unchanged second run.
 * GitHub's ETags are specific to the token that fetched them, so the new-container run pays full price
 * until installation tokens are shared between containers.
 */
public final class GitHubBenchmark implements BenchmarkSection {

    static final int REPOSITORIES = 1_000;

    @Override
    public String name() {
        return "github";
    }

    @Override
    public void run(BenchContext context) {
        withQuietLogs(() -> measure(context.backend(), context.out(), context.figures()));
    }

    /** One run's cost, measured at the sandbox. */
    record Cost(long listingRequests, long tokenExchanges, long points, long repositories, long unchangedPages) {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Starts its own stand-ins, prints the figures, stops them. */
    public static void run(PrintStream out) {
        try (AwsBackend backend = AwsBackend.startConfigured()) {
            withQuietLogs(() -> measure(backend, out, Figures.discarding()));
        }
    }

    /** The client logs one line per request; the figures are the output here. */
    private static void withQuietLogs(Runnable measurement) {
        Log.redirect(new PrintStream(OutputStream.nullOutputStream()));
        try {
            measurement.run();
        } finally {
            Log.redirect(System.out);
        }
    }

    private static void measure(AwsBackend backend, PrintStream out, Figures figures) {
        try (GitHubSandbox sandbox = GitHubSandbox.start()) {
            AwsClients aws = AwsClients.local(backend.dynamoDbEndpoint(), backend.sqsEndpoint());
            try (DynamoDbClient dynamoDb = aws.dynamoDb(); SqsClient sqs = aws.sqs()) {
                String table = new Provisioner(dynamoDb, sqs).provision("bench-github-").tableName();
                DynamoEtagStore etags = new DynamoEtagStore(dynamoDb, table, Clock.systemUTC());
                InstallationId installation = new InstallationId(sandbox.install("bench-org", "Organization"));
                for (int i = 0; i < REPOSITORIES; i++) {
                    sandbox.createRepo(installation.value(), String.format("repo-%04d", i));
                }
                GitHubClient container = client(sandbox, etags);
                Cost first = list(sandbox, container, installation);
                Cost second = list(sandbox, container, installation);
                Cost coldWithStoredEtags = list(sandbox, client(sandbox, etags), installation);
                print(out, "first run (baseline)", first, first);
                print(out, "second run, same container", second, first);
                print(out, "second run, new container/token", coldWithStoredEtags, first);
                figures.add("listing requests, second run, same container", second.listingRequests(), "requests",
                        "first run", first.listingRequests(), "10 requests");
                figures.add("rate-limit points, second run, same container", second.points(), "points",
                        "first run", first.points(), "0 points");
                figures.add("rate-limit points, second run, new container", coldWithStoredEtags.points(), "points",
                        "first run", first.points(), null);
            }
        }
    }

    private static Cost list(GitHubSandbox sandbox, GitHubClient client, InstallationId installation) {
        long requests = sandbox.requestCount();
        long exchanges = sandbox.tokenExchanges();
        long points = sandbox.pointsSpent(installation.value());
        List<Page<Repository>> pages = client.repositories(installation).toList();
        long tokenExchanges = sandbox.tokenExchanges() - exchanges;
        return new Cost(sandbox.requestCount() - requests - tokenExchanges, tokenExchanges,
                sandbox.pointsSpent(installation.value()) - points,
                pages.stream().mapToLong(p -> p.items().size()).sum(),
                pages.stream().filter(Page::notModified).count());
    }

    private static GitHubClient client(GitHubSandbox sandbox, DynamoEtagStore etags) {
        Env env = new Env(Map.of(EnvVars.GITHUB_API_URL, sandbox.apiUrl().toString(),
                EnvVars.GITHUB_APP_ID, Long.toString(sandbox.app().appId()),
                EnvVars.GITHUB_APP_CLIENT_ID, sandbox.app().clientId(),
                EnvVars.GITHUB_APP_PRIVATE_KEY, sandbox.app().privateKeyPkcs1Pem()));
        GitHubConfig config = GitHubConfig.from(env, arn -> {
            throw new IllegalStateException("no Secrets Manager in the benchmark");
        }).orElseThrow(() -> new IllegalStateException("benchmark configuration is invalid"));
        env.validate();
        return GitHubClient.create(config, etags);
    }

    private static void print(PrintStream out, String label, Cost cost, Cost baseline) {
        out.printf("github list %,d repositories, %-33s listing requests %3d (x%.2f)  rate-limit points %3d (x%.2f)"
                        + "  token exchanges %d  repositories returned %,d  pages unchanged (304) %d%n",
                REPOSITORIES, label + ":", cost.listingRequests(), ratio(cost.listingRequests(), baseline.listingRequests()),
                cost.points(), ratio(cost.points(), baseline.points()), cost.tokenExchanges(), cost.repositories(),
                cost.unchangedPages());
    }

    private static double ratio(long value, long baseline) {
        return baseline == 0 ? 0 : (double) value / baseline;
    }
}
