package dev.autosync.sandbox;

/** A sandbox, a raw client for it and a receiver its webhooks go to (signed with {@code s}): the control API tests' setup. */
record ControlRig(GitHubSandbox sandbox, SandboxClient client, WebhookReceiver receiver) implements AutoCloseable {

    static ControlRig start(GitHubSandbox sandbox) {
        WebhookReceiver receiver = WebhookReceiver.start(200);
        sandbox.webhooks().deliverTo(receiver.url(), "s");
        return new ControlRig(sandbox, new SandboxClient(sandbox), receiver);
    }

    @Override
    public void close() {
        sandbox.close();
        receiver.close();
    }
}
