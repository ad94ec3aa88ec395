package dev.autosync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubConfigTest {

    private static final Function<String, String> NO_SECRETS = arn -> {
        throw new AssertionError("Secrets Manager must not be called");
    };

    @Test
    void localKeyInOneLineVariable_andDefaults() {
        Env env = new Env(Map.of(EnvVars.GITHUB_APP_ID, "42",
                EnvVars.GITHUB_APP_PRIVATE_KEY, SandboxApp.app().privateKeyPkcs1Pem().replace("\n", "\\n")));

        GitHubConfig config = GitHubConfig.from(env, NO_SECRETS).orElseThrow();
        env.validate();

        assertEquals(URI.create("https://api.github.com"), config.apiUrl());
        assertEquals("42", config.jwtIssuer());
    }

    @Test
    void keyFile_andEnterpriseServerUrl(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("app.pem"), SandboxApp.app().privateKeyPkcs8Pem());
        Env env = new Env(Map.of(EnvVars.GITHUB_APP_ID, "42", EnvVars.GITHUB_APP_CLIENT_ID, "Iv23x",
                EnvVars.GITHUB_APP_PRIVATE_KEY_FILE, key.toString(), EnvVars.GITHUB_API_URL, "https://ghe.example.com/api/v3"));

        GitHubConfig config = GitHubConfig.from(env, NO_SECRETS).orElseThrow();

        assertEquals(URI.create("https://ghe.example.com/api/v3"), config.apiUrl());
        assertEquals("Iv23x", config.jwtIssuer());
    }

    @Test
    void inAws_keyComesFromSecretsManager_byArn() {
        String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-key";
        Env env = new Env(Map.of(EnvVars.GITHUB_APP_ID, "42", EnvVars.GITHUB_APP_PRIVATE_KEY_ARN, arn));

        Optional<GitHubConfig> config = GitHubConfig.from(env, requested -> {
            assertEquals(arn, requested);
            return SandboxApp.app().privateKeyPkcs1Pem();
        });

        assertTrue(config.isPresent());
    }

    @Test
    void everyProblem_isReportedAtOnce_atStartUp_withoutTheKey() {
        Env env = new Env(Map.of(EnvVars.GITHUB_APP_ID, "my-app", EnvVars.GITHUB_APP_PRIVATE_KEY, "c2VjcmV0LWtleQ==",
                EnvVars.GITHUB_API_URL, "not a url"));

        GitHubConfig.from(env, NO_SECRETS);
        ConfigurationException e = assertThrows(ConfigurationException.class, env::validate);

        assertTrue(e.getMessage().contains(EnvVars.GITHUB_APP_ID), e.getMessage());
        assertTrue(e.getMessage().contains(EnvVars.GITHUB_API_URL), e.getMessage());
        assertTrue(e.getMessage().contains("BEGIN RSA PRIVATE KEY"), e.getMessage());
        assertFalse(e.getMessage().contains("c2VjcmV0LWtleQ"));
    }

    @Test
    void missingKey_namesEveryWayToProvideIt() {
        Env env = new Env(Map.of(EnvVars.GITHUB_APP_ID, "42"));

        assertTrue(GitHubConfig.from(env, NO_SECRETS).isEmpty());
        ConfigurationException e = assertThrows(ConfigurationException.class, env::validate);

        assertTrue(e.getMessage().contains(EnvVars.GITHUB_APP_PRIVATE_KEY_FILE) && e.getMessage().contains(EnvVars.GITHUB_APP_PRIVATE_KEY_ARN));
    }
}
