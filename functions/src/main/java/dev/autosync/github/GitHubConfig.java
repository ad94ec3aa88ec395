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
import java.util.function.Supplier;
import java.time.Clock;
import dev.autosync.common.aws.RefreshingSecret;
import dev.autosync.common.aws.SecretArn;
import dev.autosync.common.aws.SecretUnreadableException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Who autosync is on GitHub and where GitHub is: the API root ({@code GITHUB_API_URL}, so GitHub
 * Enterprise Server needs no code change), the App ID, the optional client ID, and the App's private key.
 *
 * <p>SnapStart: the variables are read and checked at init (the ARN's shape included). A key given locally
 * ({@code GITHUB_APP_PRIVATE_KEY}, {@code GITHUB_APP_PRIVATE_KEY_FILE}) is parsed then too. A key in Secrets
 * Manager ({@code GITHUB_APP_PRIVATE_KEY_ARN}) is not read at init but on first use after restore, and
 * re-read every {@link RefreshingSecret#TTL} (at most once per {@link RefreshingSecret#RETRY_INTERVAL}
 * after a failure, keeping the last good key), so rotating it needs no redeploy; while no key could be
 * read, {@link #privateKey()} throws {@link SecretUnreadableException}, which the client turns into a
 * retryable {@link GitHubUnavailableException}. No message ever quotes the key.
 *
 * @param privateKeys the App's private key as it is now (fixed, or read lazily and refreshed)
 */
public record GitHubConfig(URI apiUrl, String appId, Optional<String> clientId, Supplier<PrivateKey> privateKeys) {

    public static final URI PUBLIC_API = URI.create("https://api.github.com");
    /**
     * What the deployed stack puts in the private-key secret it creates (the App's key cannot be generated:
     * GitHub issues it); reading it says what to do instead of that the text is no PEM.
     */
    public static final String PRIVATE_KEY_PLACEHOLDER = "REPLACE_WITH_THE_GITHUB_APP_PRIVATE_KEY_PEM";

    /** With a fixed key (tests, benchmarks, a local key). */
    public GitHubConfig(URI apiUrl, String appId, Optional<String> clientId, PrivateKey privateKey) {
        this(apiUrl, appId, clientId, fixed(privateKey));
    }

    private static Supplier<PrivateKey> fixed(PrivateKey key) {
        return () -> key;
    }

    /**
     * The App's private key now.
     *
     * @throws SecretUnreadableException while a key kept in Secrets Manager could never be read (or parsed)
     */
    public PrivateKey privateKey() {
        return privateKeys.get();
    }

    /** GitHub recommends the client ID as the JWT issuer; the App ID still works. */
    public String jwtIssuer() {
        return clientId.orElse(appId);
    }

    /**
     * The production configuration: in AWS the private key is read from Secrets Manager lazily, on the
     * first GitHub call after a SnapStart restore, and refreshed (see the class comment). Builds a client
     * but calls nothing.
     */
    public static Optional<GitHubConfig> fromEnvironment(Env env, AwsClients aws) {
        SecretsManagerClient secrets = aws.secretsManager();
        return from(env, arn -> secrets.getSecretValue(b -> b.secretId(arn)).secretString(), Clock.systemUTC());
    }

    /** As {@link #from(Env, Function, Clock)} on the system clock. */
    public static Optional<GitHubConfig> from(Env env, Function<String, String> secrets) {
        return from(env, secrets, Clock.systemUTC());
    }

    /**
     * Reads the configuration, noting every problem in {@code env} (the caller validates once).
     *
     * @param secrets fetches a Secrets Manager secret's string by ARN; called only if
     *                {@code GITHUB_APP_PRIVATE_KEY_ARN} is set, and then only when the key is first needed
     *                (never here) and on each refresh
     * @param clock   times the key's refresh
     */
    public static Optional<GitHubConfig> from(Env env, Function<String, String> secrets, Clock clock) {
        URI api = env.optionalUri(EnvVars.GITHUB_API_URL).orElse(PUBLIC_API);
        String appId = env.required(EnvVars.GITHUB_APP_ID);
        if (!appId.isEmpty() && !appId.matches("\\d+")) {
            env.problem(EnvVars.GITHUB_APP_ID + " must be the App's numeric ID");
        }
        Optional<String> clientId = env.optional(EnvVars.GITHUB_APP_CLIENT_ID);
        Optional<String> arn = SecretArn.optional(env, EnvVars.GITHUB_APP_PRIVATE_KEY_ARN);
        if (arn.isPresent()) {
            RefreshingSecret<PrivateKey> key = new RefreshingSecret<>("the GitHub App private key", arn.get(),
                    () -> secrets.apply(arn.get()), PemKeys::parse, clock);
            return Optional.of(new GitHubConfig(api, appId, clientId, key));
        }
        Optional<String> pem = pem(env);
        try {
            return pem.map(text -> new GitHubConfig(api, appId, clientId, PemKeys.parse(text)));
        } catch (InvalidPrivateKeyException e) {
            env.problem(e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> pem(Env env) {
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
