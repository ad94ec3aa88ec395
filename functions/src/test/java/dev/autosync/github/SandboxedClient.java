package dev.autosync.github;

import dev.autosync.github.internal.PemKeys;
import dev.autosync.sandbox.GitHubSandbox;
import dev.autosync.sandbox.ManualClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sandbox and a client pointed at it, sharing a manual clock; the client's sleeper records waits
 * instead of sleeping, so retry tests take no time.
 */
final class SandboxedClient implements AutoCloseable {

    static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), 1);

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
    final GitHubSandbox sandbox = GitHubSandbox.start(clock);
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final InMemoryEtagStore etags = new InMemoryEtagStore();
    final GitHubClient client;

    SandboxedClient() {
        GitHubConfig config = new GitHubConfig(sandbox.apiUrl(), Long.toString(sandbox.app().appId()),
                Optional.of(sandbox.app().clientId()), PemKeys.parse(sandbox.app().privateKeyPkcs1Pem()));
        client = new GitHubClient(config, etags, HttpClient.newHttpClient(), POLICY, sleeps::add, clock);
    }

    /** A second client on the same sandbox, clock and sleeper, with other retry bounds. */
    GitHubClient withPolicy(RetryPolicy policy) {
        GitHubConfig config = new GitHubConfig(sandbox.apiUrl(), Long.toString(sandbox.app().appId()),
                Optional.of(sandbox.app().clientId()), PemKeys.parse(sandbox.app().privateKeyPkcs1Pem()));
        return new GitHubClient(config, etags, HttpClient.newHttpClient(), policy, sleeps::add, clock);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
