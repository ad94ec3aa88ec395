package dev.autosync.github;

import dev.autosync.sandbox.AppCredentials;
import dev.autosync.sandbox.GitHubSandbox;

/**
 * The sandbox App's credentials (a real RSA key pair and its PEM forms) for tests that need keys but
 * no HTTP: one sandbox per test JVM, whose server threads are daemons.
 */
final class SandboxApp {

    private static final GitHubSandbox SANDBOX = GitHubSandbox.start();

    private SandboxApp() {
    }

    static AppCredentials app() {
        return SANDBOX.app();
    }
}
