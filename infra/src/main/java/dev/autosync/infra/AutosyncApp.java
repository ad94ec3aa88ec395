package dev.autosync.infra;

import java.nio.file.Files;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.lambda.Code;

/**
 * {@code cdk synth}/{@code cdk deploy} entry point (cdk.json runs it through {@code exec:java} after
 * packaging the functions' shaded jar).
 */
public final class AutosyncApp {

    /** The shaded jar every function runs, relative to the repository root. */
    public static final String FUNCTIONS_JAR = "functions/target/autosync-functions-0.1.0-SNAPSHOT-lambda.jar";
    /** The stack name when the context gives none ({@code cdk deploy -c stackName=autosync-staging}). */
    public static final String DEFAULT_STACK_NAME = "autosync";

    private AutosyncApp() {
    }

    public static void main(String[] args) {
        Path jar = repositoryRoot().resolve(FUNCTIONS_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar + ": build it first with `mvn -B -q -pl functions -am package"
                    + " -DskipTests` (cdk.json's app does so).");
        }
        synth(new App(), Code.fromAsset(jar.toString()));
    }

    /**
     * Adds the stack to {@code app}, checks it with cdk-nag's AwsSolutions pack (an unsuppressed finding is an
     * error annotation, which stops {@code cdk synth}/{@code cdk deploy}) and writes the cloud assembly to the
     * app's output directory.
     */
    public static CloudAssembly synth(App app, Code code) {
        Object name = app.getNode().tryGetContext("stackName");
        new AutosyncStack(app, name == null ? DEFAULT_STACK_NAME : name.toString(), StackProps.builder()
                .description("autosync: a DynamoDB copy of GitHub App installations, kept by webhooks and periodic sync")
                .build(), code);
        Aspects.of(app).add(new AwsSolutionsChecks());
        return app.synth();
    }

    /** The directory holding cdk.json: exec:java runs in the module directory or the root. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("cdk.json"))) {
                return candidate;
            }
        }
        return dir;
    }
}
