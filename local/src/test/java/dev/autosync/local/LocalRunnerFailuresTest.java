package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.ConfigurationException;
import dev.autosync.common.EnvVars;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The run command's clear failures (issue 11): each is one problem naming what to fix, raised before
 * anything runs or with everything started stopped again; {@code main} prints it as one line and exits
 * non-zero ({@link RunnerProcess#failedStart}).
 */
class LocalRunnerFailuresTest {

    @Test
    void appIdWithoutKey_isOneProblemSayingToSetTheKeyOrUnsetTheId() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> LocalRunner.Settings.from(Map.of(EnvVars.GITHUB_APP_ID, "12345")));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains(EnvVars.GITHUB_APP_PRIVATE_KEY_FILE), e.getMessage());
        assertTrue(e.getMessage().contains("or unset " + EnvVars.GITHUB_APP_ID + " to use the GitHub sandbox"), e.getMessage());
    }

    @Test
    void keyWithoutAppId_isOneProblemSayingToSetTheId() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> LocalRunner.Settings.from(Map.of(EnvVars.GITHUB_APP_PRIVATE_KEY_FILE, "/some/key.pem")));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("not " + EnvVars.GITHUB_APP_ID), e.getMessage());
    }

    @Test
    void unreadableKeyFile_isNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> LocalRunner.Settings.from(Map.of(
                EnvVars.GITHUB_APP_ID, "12345", EnvVars.GITHUB_APP_PRIVATE_KEY_FILE, "/nonexistent/app.pem")));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains(EnvVars.GITHUB_APP_PRIVATE_KEY_FILE + " cannot be read (/nonexistent/app.pem)"),
                e.getMessage());
    }

    @Test
    void keyThatIsNoPem_saysWhatAPemLooksLike_withoutQuotingIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> LocalRunner.Settings.from(Map.of(
                EnvVars.GITHUB_APP_ID, "12345", EnvVars.GITHUB_APP_PRIVATE_KEY, "not-a-key-s3cret")));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("BEGIN RSA PRIVATE KEY"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), "a message never quotes the key: " + e.getMessage());
    }

    // Before, the sandbox's App id, key and URL replaced the user's: their own App could not be used locally.
    @Test
    void appIdAndKeyFile_chooseTheUsersApp_onGitHubsPublicApi_withoutTheDemo() throws Exception {
        Path key = pemFile();

        LocalRunner.Settings settings = LocalRunner.Settings.from(Map.of(
                EnvVars.GITHUB_APP_ID, "12345", EnvVars.GITHUB_APP_PRIVATE_KEY_FILE, key.toString()));

        assertEquals(new OwnApp(URI.create("https://api.github.com"), "12345"), settings.ownApp().orElseThrow());
        assertFalse(settings.demoData(), "the demo organisation lives in the sandbox");
    }

    @Test
    void usersApp_onGitHubEnterpriseServer_isNamedByTheReadyLine_andNoSandboxStarts() throws Exception {
        Map<String, String> env = Map.of(EnvVars.GITHUB_APP_ID, "12345",
                EnvVars.GITHUB_APP_PRIVATE_KEY_FILE, pemFile().toString(),
                EnvVars.GITHUB_API_URL, "https://ghe.example.invalid/api/v3",
                EnvVars.AUTOSYNC_PORT, "0", EnvVars.AUTOSYNC_SYNC_INTERVAL, "off");

        try (LocalRunner runner = LocalRunner.start(env)) {
            String ready = runner.readyLine();
            assertTrue(ready.contains(" github=app:12345 github_api=https://ghe.example.invalid/api/v3 "), ready);
            assertEquals("https://ghe.example.invalid/api/v3", runner.environment().get(EnvVars.GITHUB_API_URL));
            assertTrue(runner.environment().containsKey(EnvVars.GITHUB_APP_PRIVATE_KEY_FILE), "the user's key file is kept");
        }
    }

    @Test
    void dataDirThatCannotBeWritten_isOneProblemNamingIt() throws Exception {
        Path file = Files.createTempFile("autosync-not-a-folder", "");
        Path under = file.resolve("data");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> LocalRunner.Settings.from(Map.of(EnvVars.AUTOSYNC_DATA_DIR, under.toString())));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains(EnvVars.AUTOSYNC_DATA_DIR + " " + under), e.getMessage());
    }

    // Two runners on one folder would both write one LevelDB and one H2 file.
    @Test
    void dataDirInUse_isRefusedNamingIt() throws Exception {
        Path data = Files.createTempDirectory("autosync-locked-");
        try (DataFolder held = DataFolder.lock(data)) {
            LocalStartException e = assertThrows(LocalStartException.class, () -> DataFolder.lock(data));
            assertTrue(e.getMessage().contains("another autosync local is using " + data), e.getMessage());
        }
        DataFolder.lock(data).close();
    }

    @Test
    void portInUse_isOneLineNamingThePortAndTheFix_andNoNodeProcessIsLeft() throws Exception {
        Set<Long> nodesBefore = nodeChildren();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = Map.of(EnvVars.AUTOSYNC_PORT, Integer.toString(taken.getLocalPort()),
                    EnvVars.AUTOSYNC_DEMO_DATA, "false", EnvVars.AUTOSYNC_SYNC_INTERVAL, "off");

            LocalStartException e = assertThrows(LocalStartException.class, () -> LocalRunner.start(env));

            assertTrue(e.getMessage().startsWith("port " + taken.getLocalPort() + " of 127.0.0.1 is in use"), e.getMessage());
            assertTrue(e.getMessage().contains(EnvVars.AUTOSYNC_PORT), e.getMessage());
        }
        Set<Long> left = nodeChildren();
        left.removeAll(nodesBefore);
        assertEquals(Set.of(), left, "dynalite's node outlived the failed start");
    }

    /** This JVM's live node processes (other tests' stand-ins among them). */
    private static Set<Long> nodeChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("node")).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toCollection(HashSet::new));
    }

    // As the run command: one line on stderr, exit 1, no ready line.
    @Test
    void nodeMissing_isOneLineSayingToInstallNode_exitOne() throws Exception {
        RunnerProcess.Failure failure = RunnerProcess.failedStart(Map.of("PATH", "/nonexistent",
                "AUTOSYNC_PORT", "0", "AUTOSYNC_DATA_DIR", Files.createTempDirectory("autosync-nonode-").toString()));

        assertEquals(1, failure.exitCode(), failure.output());
        assertTrue(failure.lastLine().startsWith("autosync local: cannot run node"), failure.output());
        assertTrue(failure.lastLine().contains("install Node.js"), failure.output());
    }

    private static Path pemFile() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        Path file = Files.createTempFile("autosync-app-", ".pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        return file;
    }
}
