package dev.autosync.github;

import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.github.internal.PemKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Who autosync is on GitHub and where GitHub is: the API root ({@code GITHUB_API_URL}, so GitHub
 * Enterprise Server needs no code change), the App ID, the optional client ID, and the App's private key
 * — read and checked once at start-up, from Secrets Manager in AWS or from the environment locally.
 */
public record GitHubConfig(URI apiUrl, String appId, Optional<String> clientId, PrivateKey privateKey) {

    public static final URI PUBLIC_API = URI.create("https://api.github.com");

    /** GitHub recommends the client ID as the JWT issuer; the App ID still works. */
    public String jwtIssuer() {
        return clientId.orElse(appId);
    }

    /**
     * The production configuration: in AWS the private key is read from Secrets Manager once, when the
     * function's wiring builds the client, and so is cached for the container's life.
     */
    public static Optional<GitHubConfig> fromEnvironment(Env env, AwsClients aws) {
        return from(env, arn -> {
            try (SecretsManagerClient secrets = aws.secretsManager()) {
                return secrets.getSecretValue(b -> b.secretId(arn)).secretString();
            }
        });
    }

    /**
     * Reads the configuration, noting every problem in {@code env} (the caller validates once).
     *
     * @param secrets fetches a Secrets Manager secret's string by ARN; called only if
     *                {@code GITHUB_APP_PRIVATE_KEY_ARN} is set
     */
    public static Optional<GitHubConfig> from(Env env, Function<String, String> secrets) {
        URI api = env.optionalUri(EnvVars.GITHUB_API_URL).orElse(PUBLIC_API);
        String appId = env.required(EnvVars.GITHUB_APP_ID);
        if (!appId.isEmpty() && !appId.matches("\\d+")) {
            env.problem(EnvVars.GITHUB_APP_ID + " must be the App's numeric ID");
        }
        Optional<String> clientId = env.optional(EnvVars.GITHUB_APP_CLIENT_ID);
        Optional<String> pem = pem(env, secrets);
        try {
            return pem.map(text -> new GitHubConfig(api, appId, clientId, PemKeys.parse(text)));
        } catch (InvalidPrivateKeyException e) {
            env.problem(e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> pem(Env env, Function<String, String> secrets) {
        Optional<String> arn = env.optional(EnvVars.GITHUB_APP_PRIVATE_KEY_ARN);
        if (arn.isPresent()) {
            try {
                return Optional.of(secrets.apply(arn.get()));
            } catch (RuntimeException e) {
                env.problem("cannot read the App's private key from Secrets Manager (" + arn.get() + "): " + e.getClass().getSimpleName());
                return Optional.empty();
            }
        }
        Optional<String> inline = env.optional(EnvVars.GITHUB_APP_PRIVATE_KEY);
        if (inline.isPresent()) {
            return inline;
        }
        Optional<String> file = env.optional(EnvVars.GITHUB_APP_PRIVATE_KEY_FILE);
        if (file.isPresent()) {
            try {
                return Optional.of(Files.readString(Path.of(file.get())));
            } catch (IOException | RuntimeException e) {
                env.problem(EnvVars.GITHUB_APP_PRIVATE_KEY_FILE + " cannot be read (" + file.get() + ")");
                return Optional.empty();
            }
        }
        env.problem("the App's private key is not set: set " + EnvVars.GITHUB_APP_PRIVATE_KEY_ARN + " (AWS), "
                + EnvVars.GITHUB_APP_PRIVATE_KEY + " or " + EnvVars.GITHUB_APP_PRIVATE_KEY_FILE);
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "GitHubConfig[" + apiUrl + ", app " + appId + clientId.map(c -> ", client " + c).orElse("") + "]";
    }
}
