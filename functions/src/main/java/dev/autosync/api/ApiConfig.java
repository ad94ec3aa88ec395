package dev.autosync.api;

import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Metrics;
import dev.autosync.common.SyncInterval;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Resources;
import dev.autosync.common.aws.SecretArn;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The api's configuration, read and validated at once from environment variables only — no network call,
 * so it is safe in a SnapStart snapshot and a wrong deploy fails when the version is published: where the
 * table and queues are, where the bearer tokens come from ({@code AUTOSYNC_API_TOKENS} inline, checked
 * here; or the Secrets Manager secret named by {@code AUTOSYNC_API_TOKENS_SECRET_ARN}, whose ARN shape is
 * checked here and whose value is read after restore, see {@link ApiCredentials}), the optional cursor key
 * ({@code AUTOSYNC_CURSOR_KEY}) and the periodic sync's interval ({@code AUTOSYNC_SYNC_INTERVAL}), which
 * health judges coverage by.
 */
public record ApiConfig(Resources resources, AwsClients clients, ApiCredentials credentials, SyncInterval syncInterval) {

    /** Longest a Secrets Manager read may take, retries included, so a hung read ends as a 503, not a timeout. */
    static final Duration SECRET_CALL_BUDGET = Duration.ofSeconds(5);

    /** @throws ConfigurationException naming every missing or malformed variable */
    public static ApiConfig from(Env env) {
        return from(env, Clock.systemUTC());
    }

    static ApiConfig from(Env env, Clock clock) {
        Resources resources = Resources.from(env);
        AwsClients clients = AwsClients.from(env);
        Optional<String> inline = env.optional(EnvVars.AUTOSYNC_API_TOKENS);
        Optional<String> secretArn = SecretArn.optional(env, EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN);
        Optional<String> cursorKey = env.optional(EnvVars.AUTOSYNC_CURSOR_KEY);
        SyncInterval syncInterval = SyncInterval.from(env);
        Metrics.configure(env);
        if (inline.isEmpty() && secretArn.isEmpty()) {
            env.problem(EnvVars.AUTOSYNC_API_TOKENS + " or " + EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN + " must be set");
        }
        cursorKey.filter(key -> key.length() < ApiCredentials.CURSOR_KEY_MIN).ifPresent(key -> env.problem(
                EnvVars.AUTOSYNC_CURSOR_KEY + " needs at least " + ApiCredentials.CURSOR_KEY_MIN + " characters"));
        // Inline tokens are an environment variable: checked now, and reported with every other problem.
        Optional<Set<String>> inlineTokens = inline.map(value -> inlineTokens(env, value));
        env.validate();
        Optional<byte[]> key = cursorKey.map(k -> k.getBytes(StandardCharsets.UTF_8));
        ApiCredentials credentials;
        if (inlineTokens.isPresent()) {
            credentials = ApiCredentials.inline(inlineTokens.get(), key);
        } else {
            credentials = ApiCredentials.fromSecret(clients.withApiCallTimeout(SECRET_CALL_BUDGET).secretsManager(),
                    secretArn.get(), key, clock);
        }
        return new ApiConfig(resources, clients, credentials, syncInterval);
    }

    /** The tokens of {@code AUTOSYNC_API_TOKENS}, noting on {@code env} why they are unusable (never quoting them). */
    private static Set<String> inlineTokens(Env env, String value) {
        Set<String> tokens;
        try {
            tokens = ApiTokens.parse(value);
        } catch (IllegalArgumentException e) {
            env.problem(EnvVars.AUTOSYNC_API_TOKENS + " must be comma-separated tokens or JSON {\"tokens\": [...]}");
            return Set.of();
        }
        if (tokens.isEmpty()) {
            env.problem(EnvVars.AUTOSYNC_API_TOKENS + " holds no token");
        }
        if (!ApiTokens.tooShort(tokens).isEmpty()) {
            env.problem(EnvVars.AUTOSYNC_API_TOKENS + ": every token needs at least " + ApiTokens.MIN_LENGTH + " characters");
        }
        return tokens;
    }

    @Override
    public String toString() {
        return "ApiConfig[" + resources + ", syncInterval=" + syncInterval + "]";
    }
}
