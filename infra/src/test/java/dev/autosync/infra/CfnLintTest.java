package dev.autosync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * Both deployable templates pass {@code cfn-lint}: the CDK stack as synthesized and the root {@code template.yaml}.
 * Errors fail the build; every warning must be on {@link #ALLOWED_WARNINGS} with the reason it is accepted.
 *
 * <p>Needs {@code cfn-lint} on the PATH ({@code pip install cfn-lint}; {@code -Dautosync.cfnlint=} points
 * elsewhere). Skipped without it, except under {@code CI=true}, where a missing linter is a failure.
 */
class CfnLintTest {

    private static final String CFN_LINT = System.getProperty("autosync.cfnlint", "cfn-lint");

    /** A warning accepted: its rule, a pattern its message matches, and why it is harmless. */
    record Allowed(String rule, String messagePattern, String reason) {
    }

    /**
     * Warnings accepted, each with the reason. template.yaml has none; the CDK template has only this one.
     * An entry needs a reason a reviewer accepts (a false positive, or a construct's output we cannot change).
     */
    static final List<Allowed> ALLOWED_WARNINGS = List.of(
            new Allowed("W3005", "'\\w+FunctionServiceRole[0-9A-F]{8}' dependency already enforced by a 'GetAtt' at "
                    + "'Resources/\\w+Function[0-9A-F]{8}/Properties/Role'",
                    "aws-cdk-lib's lambda.Function adds its execution role to DependsOn although Role's GetAtt already"
                    + " orders them (it also depends on the role's DefaultPolicy, which is needed). A redundant"
                    + " ordering hint, no effect on what is deployed; overriding DependsOn by hand would drop the"
                    + " DefaultPolicy edge the construct maintains."));

    private static Path cfnLint;

    @BeforeAll
    static void requireCfnLint() {
        cfnLint = onPath(CFN_LINT);
        if (cfnLint != null) {
            return;
        }
        String message = "cfn-lint not found (" + CFN_LINT + "): install with `pip install cfn-lint`"
                + " (needs PyPI) or pass -Dautosync.cfnlint=/path/to/cfn-lint";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        System.out.println("SKIPPED CfnLintTest: " + message);
        Assumptions.abort(message);
    }

    @Test
    void theSynthesizedCdkTemplate_lintsClean(@TempDir Path out) throws Exception {
        AutosyncApp.synth(new App(AppProps.builder().outdir(out.toString())
                .context(Map.of("stackName", "autosync")).build()), AutosyncStackTest.placeholderCode());
        Path template = out.resolve("autosync.template.json");
        assertTrue(Files.isRegularFile(template), "no synthesized template at " + template);
        assertLintsClean(template);
    }

    @Test
    void theSamTemplate_lintsClean() throws Exception {
        Path template = repositoryRoot().resolve("template.yaml");
        assertTrue(Files.isRegularFile(template), "no template.yaml at the repository root " + template);
        assertLintsClean(template);
    }

    private static void assertLintsClean(Path template) throws IOException, InterruptedException {
        // parseable: file:line:column:endLine:endColumn:rule:message, one finding a line.
        Process process = new ProcessBuilder(cfnLint.toString(), "--format", "parseable", "--", template.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "cfn-lint did not finish");
        List<String> errors = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
            String rule = rule(line);
            if (rule == null || rule.startsWith("E")) {
                errors.add(line);
            } else if (rule.startsWith("W") && ALLOWED_WARNINGS.stream().noneMatch(allowed -> allowed.rule().equals(rule)
                    && java.util.regex.Pattern.compile(allowed.messagePattern()).matcher(line).find())) {
                unexplained.add(line);
            }
            // I (informational) findings are not reported by default and never fail the build.
        }
        assertEquals(List.of(), errors, "cfn-lint errors in " + template + ":\n" + output);
        assertEquals(List.of(), unexplained, "cfn-lint warnings not on the allow-list in " + template + ":\n" + output);
        // Exit code: 0 clean, bit 2 errors, 4 warnings, 8 informational; 1 means cfn-lint itself failed.
        int exit = process.exitValue();
        assertTrue((exit & 1) == 0 && (exit & 2) == 0, "cfn-lint exited " + exit + ":\n" + output);
    }

    /** The rule id of a parseable finding (the sixth field), or null when the line is not one. */
    private static String rule(String line) {
        String[] fields = line.split(":", 7);
        if (fields.length < 7) {
            return null;
        }
        String rule = fields[5];
        return rule.matches("[EWI]\\d+") ? rule : null;
    }

    /** The nearest directory, from the working directory (infra/ under Maven) up, that holds template.yaml. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return fail("no template.yaml in " + Path.of("").toAbsolutePath() + " or any parent");
    }

    private static Path onPath(String command) {
        if (command.contains(File.separator)) {
            Path path = Path.of(command);
            return Files.isExecutable(path) ? path : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (!dir.isEmpty() && Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
