package dev.autosync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * The pinned CDK CLI ({@code aws-cdk} in package.json, installed by the test command's {@code npm ci}) reads
 * what this app synthesizes, offline, with cdk.json's settings. What can break here without any Java test
 * noticing: an aws-cdk-lib whose cloud-assembly schema is newer than the CLI understands, notices or telemetry
 * calls that need the network, or cdk.json no longer building the jar its app needs.
 *
 * <p>The assembly is synthesized in-process (with a stand-in asset) and handed to the CLI as {@code --app
 * <directory>}; running cdk.json's app command itself would start a nested Maven build of this very reactor.
 */
class CdkCliTest {

    @Test
    void thePinnedCli_synthesizesTheAppsAssembly_offline(@TempDir Path out) throws Exception {
        Path root = AutosyncApp.repositoryRoot();
        Path cli = root.resolve("node_modules/aws-cdk/bin/cdk");
        assertTrue(Files.isRegularFile(cli), "no " + cli + ": the test command runs `npm ci` first, which installs the"
                + " CDK CLI pinned in package.json");
        AutosyncApp.synth(new App(AppProps.builder().outdir(out.toString())
                .context(Map.of("stackName", AutosyncApp.DEFAULT_STACK_NAME)).build()), AutosyncStackTest.placeholderCode());

        ProcessBuilder builder = new ProcessBuilder("node", cli.toString(), "synth", "--app", out.toString(),
                "--output", out.resolve("cli").toString(), AutosyncApp.DEFAULT_STACK_NAME)
                .directory(root.toFile())
                .redirectErrorStream(true)
                // A file, not a pipe: the printed template is larger than a pipe's buffer.
                .redirectOutput(out.resolve("cli-output.txt").toFile());
        // Any network call (notices, telemetry, a version check) goes to a closed port and fails the run.
        Map<String, String> env = builder.environment();
        for (String proxy : List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")) {
            env.put(proxy, "http://127.0.0.1:9");
        }
        env.remove("NO_PROXY");
        env.remove("no_proxy");
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("cdk synth did not finish in 3 minutes: " + Files.readString(out.resolve("cli-output.txt")));
        }
        String output = Files.readString(out.resolve("cli-output.txt"), StandardCharsets.UTF_8);

        assertEquals(0, process.exitValue(), output);
        // The CLI printed the stack's template: it understood the assembly.
        assertTrue(output.contains("AWS::Lambda::Function"), output);
        assertFalse(output.contains("NOTICES"), "notices are off in cdk.json: " + output);
    }

    @Test
    void cdkJson_buildsTheJarItsAppNeeds_andKeepsTheCliOffTheNetwork() throws IOException {
        JsonNode cdkJson = new ObjectMapper().readTree(AutosyncApp.repositoryRoot().resolve("cdk.json").toFile());

        String app = cdkJson.path("app").asText();
        assertTrue(app.startsWith("mvn ") && app.contains("-pl infra -am") && app.contains(" package")
                && app.contains("exec:java"), "cdk.json's app must package the functions' jar before synthesizing: " + app);
        assertFalse(cdkJson.path("notices").asBoolean(true), "notices fetch from the network");
        assertFalse(cdkJson.path("versionReporting").asBoolean(true), "version reporting adds metadata resources");
        assertFalse(cdkJson.path("context").path("cli-telemetry").asBoolean(true), "telemetry sends to the network");
        // One cdk.json: a second one (infra/ once had its own, running `mvn install`) would make `cdk deploy`
        // depend on the directory it is typed in.
        assertFalse(Files.exists(AutosyncApp.repositoryRoot().resolve("infra/cdk.json")), "infra/cdk.json shadows the root's");
    }
}
