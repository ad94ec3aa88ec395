package dev.autosync.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** {@code cdk deploy} entry point. */
public final class AutosyncApp {

    private AutosyncApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new AutosyncStack(app, "autosync", StackProps.builder()
                .description("autosync: a DynamoDB copy of GitHub App installations, kept by webhooks and periodic sync")
                .build());
        app.synth();
    }
}
