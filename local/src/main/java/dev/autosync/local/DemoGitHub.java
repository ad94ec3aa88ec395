package dev.autosync.local;

import dev.autosync.common.EnvVars;
import dev.autosync.sandbox.GitHubSandbox;
import dev.autosync.sandbox.WebhookMode;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The GitHub the local system talks to: the stateful sandbox, configured as the App's API, and — unless
 * {@code AUTOSYNC_DEMO_DATA=false} — seeded with a small organisation whose every change reaches the
 * local gateway as a signed webhook, exactly as GitHub's would. So the one run command shows the whole
 * path (webhook → queue → processor → table → api → dashboard) with data in it.
 *
 * <p>Then, once that history is imported, a few more changes whose webhooks fail on purpose
 * ({@link #missSomeWebhooks()}), so the first periodic run has something to repair: a push GitHub lists as
 * a failed delivery (the run asks for it again) and issue changes whose webhooks were never sent (only the
 * run's change detection finds them).
 */
final class DemoGitHub implements LocalGitHub {

    static final String DEMO_ORG = "octo-demo";

    /** The pushed commits whose webhook GitHub records as failed ({@link WebhookMode#MISS}). */
    static final List<String> MISSED_PUSH = List.of("Fix pagination off-by-one", "Cap retry backoff at 30 s");
    /** The issue of {@code octo-demo/web} opened with its webhook dropped ({@link WebhookMode#DROP}). */
    static final String DROPPED_ISSUE = "Keyboard shortcuts";

    private final GitHubSandbox sandbox;
    private long installationId;
    private String apiRepository;
    private String webRepository;
    private int darkModeIssue;

    private DemoGitHub(GitHubSandbox sandbox) {
        this.sandbox = sandbox;
    }

    static DemoGitHub start() {
        return new DemoGitHub(GitHubSandbox.start());
    }

    /** The REST API root ({@code GITHUB_API_URL}). */
    URI apiUrl() {
        return sandbox.apiUrl();
    }

    /** The sandbox's control API ({@code GET /_sandbox/state}, {@code POST /_sandbox/actions}). */
    URI controlUrl() {
        return sandbox.controlUrl();
    }

    /** The GUIDs of every webhook delivery the sandbox recorded so far (sent, missed or redelivered). */
    List<String> deliveryGuids() {
        return sandbox.webhooks().deliveries().stream().map(dev.autosync.sandbox.Delivery::guid).distinct().toList();
    }

    /** What the functions need to call this GitHub as the App: replaces any App settings of the user's. */
    @Override
    public Map<String, String> environment() {
        return Map.of(
                EnvVars.GITHUB_API_URL, sandbox.apiUrl().toString(),
                EnvVars.GITHUB_APP_ID, Long.toString(sandbox.app().appId()),
                EnvVars.GITHUB_APP_CLIENT_ID, sandbox.app().clientId(),
                EnvVars.GITHUB_APP_PRIVATE_KEY, sandbox.app().privateKeyPkcs1Pem());
    }

    /**
     * Sends every later webhook to {@code webhookUrl}, signed with {@code secret}: the demo's and those of the
     * control API's actions, which without this would reach nothing when the demo is not seeded.
     */
    void deliverWebhooksTo(URI webhookUrl, String secret) {
        sandbox.webhooks().deliverTo(webhookUrl, secret);
    }

    /**
     * Installs the App on a demo organisation and does a little work in it: each step sends its webhook
     * to {@code webhookUrl} signed with {@code secret}, synchronously, before the next step.
     *
     */
    void seed(URI webhookUrl, String secret) {
        deliverWebhooksTo(webhookUrl, secret);
        long installation = sandbox.install(DEMO_ORG, "Organization");
        installationId = installation;

        String api = sandbox.createRepo(installation, "api");
        apiRepository = api;
        sandbox.actingAs("mona").push(api, "main", "Initial service skeleton", "Add health endpoint");
        sandbox.actingAs("hubot").push(api, "main", "Retry GitHub calls with backoff");
        int flaky = sandbox.actingAs("mona").openIssue(api, "Flaky retry test");
        sandbox.openIssue(api, "Document the cursor format");
        sandbox.closeIssue(api, flaky);
        sandbox.createBranch(api, "feature/metrics", "main");
        sandbox.actingAs("hubot").push(api, "feature/metrics", "Publish queue depth metrics");
        int pull = sandbox.openPullRequest(api, "Queue depth metrics", "feature/metrics", "main");
        sandbox.mergePullRequest(api, pull);

        String web = sandbox.createRepo(installation, "web");
        sandbox.actingAs("octocat").push(web, "main", "Dashboard scaffold");
        webRepository = web;
        darkModeIssue = sandbox.openIssue(web, "Dark mode");
    }

    /**
     * Changes made while webhooks fail, after {@link #seed}: two commits pushed to {@code octo-demo/api}
     * whose delivery GitHub records as failed ({@code GET /app/hook/deliveries} lists it, so the periodic
     * run redelivers it), and on {@code octo-demo/web} "Dark mode" closed and {@link #DROPPED_ISSUE} opened
     * with no webhook at all (only the periodic run's change detection finds them).
     */
    void missSomeWebhooks() {
        String api = DEMO_ORG + "/api";
        sandbox.withWebhooks(WebhookMode.MISS, () -> sandbox.actingAs("hubot").push(api, "main",
                MISSED_PUSH.toArray(String[]::new)));
        sandbox.withWebhooks(WebhookMode.DROP, () -> {
            sandbox.actingAs("octocat").closeIssue(webRepository, darkModeIssue);
            return sandbox.openIssue(webRepository, DROPPED_ISSUE);
        });
    }

    /**
     * The demo organisation's life after {@link #seed}: not started. {@code failSomeWebhooks}: whether a share of
     * its webhooks are missed or dropped (only when a periodic run will repair them).
     */
    DemoActivity activity(DemoActivity.Pace pace, boolean failSomeWebhooks) {
        if (apiRepository == null) {
            throw new IllegalStateException("the demo organisation acts only once it is seeded");
        }
        return new DemoActivity(sandbox, installationId, List.of(apiRepository, webRepository), pace, failSomeWebhooks,
                new java.util.Random());
    }

    @Override
    public String readyFields() {
        return " github=" + controlUrl() + " github_api=" + apiUrl();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
