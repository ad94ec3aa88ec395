package dev.autosync.local;

import dev.autosync.common.EnvVars;
import dev.autosync.sandbox.GitHubSandbox;
import java.net.URI;
import java.util.Map;

/**
 * The GitHub the local system talks to: the stateful sandbox, configured as the App's API, and — unless
 * {@code AUTOSYNC_DEMO_DATA=false} — seeded with a small organisation whose every change reaches the
 * local gateway as a signed webhook, exactly as GitHub's would. So the one run command shows the whole
 * path (webhook → queue → processor → table → api → dashboard) with data in it.
 */
final class DemoGitHub implements AutoCloseable {

    static final String DEMO_ORG = "octo-demo";

    private final GitHubSandbox sandbox;

    private DemoGitHub(GitHubSandbox sandbox) {
        this.sandbox = sandbox;
    }

    static DemoGitHub start() {
        return new DemoGitHub(GitHubSandbox.start());
    }

    URI apiUrl() {
        return sandbox.apiUrl();
    }

    /** What the functions need to call this GitHub as the App. */
    Map<String, String> environment() {
        return Map.of(
                EnvVars.GITHUB_API_URL, sandbox.apiUrl().toString(),
                EnvVars.GITHUB_APP_ID, Long.toString(sandbox.app().appId()),
                EnvVars.GITHUB_APP_CLIENT_ID, sandbox.app().clientId(),
                EnvVars.GITHUB_APP_PRIVATE_KEY, sandbox.app().privateKeyPkcs1Pem());
    }

    /**
     * Installs the App on a demo organisation and does a little work in it: each step sends its webhook
     * to {@code webhookUrl} signed with {@code secret}, synchronously, before the next step.
     */
    void seed(URI webhookUrl, String secret) {
        sandbox.webhooks().deliverTo(webhookUrl, secret);
        long installation = sandbox.install(DEMO_ORG, "Organization");

        String api = sandbox.createRepo(installation, "api");
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
        sandbox.openIssue(web, "Dark mode");
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
