package dev.autosync.api;

import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Log;
import dev.autosync.common.SyncInterval;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Resources;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The api's configuration, read and validated at once: where the table and queues are, the bearer
 * tokens (from {@code AUTOSYNC_API_TOKENS}, or the Secrets Manager secret named by
 * {@code AUTOSYNC_API_TOKENS_SECRET_ARN}) and the cursor key ({@code AUTOSYNC_CURSOR_KEY}, else the
 * secret's {@code cursor_key}, else one generated for this process) and the periodic sync's interval
 * ({@code AUTOSYNC_SYNC_INTERVAL}), which health judges coverage by.
 */
public record ApiConfig(Resources resources, AwsClients clients, Set<String> tokens, byte[] cursorKey,
                        SyncInterval syncInterval) {

    private static final Log LOG = Log.of(ApiConfig.class);
    private static final int CURSOR_KEY_MIN = 32;

    /** @throws ConfigurationException naming every missing or malformed variable */
    public static ApiConfig from(Env env) {
        Resources resources = Resources.from(env);
        AwsClients clients = AwsClients.from(env);
        Optional<String> inline = env.optional(EnvVars.AUTOSYNC_API_TOKENS);
        Optional<String> secretArn = env.optional(EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN);
        Optional<String> cursorKey = env.optional(EnvVars.AUTOSYNC_CURSOR_KEY);
        SyncInterval syncInterval = SyncInterval.from(env);
        if (inline.isEmpty() && secretArn.isEmpty()) {
            env.problem(EnvVars.AUTOSYNC_API_TOKENS + " or " + EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN + " must be set");
        }
        cursorKey.filter(key -> key.length() < CURSOR_KEY_MIN).ifPresent(key ->
                env.problem(EnvVars.AUTOSYNC_CURSOR_KEY + " needs at least " + CURSOR_KEY_MIN + " characters"));
        env.validate();
        String tokenSource = inline.orElseGet(() -> readSecret(clients, secretArn.get()));
        Set<String> tokens = ApiTokens.parse(tokenSource);
        List<String> problems = new ArrayList<>();
        if (tokens.isEmpty()) {
            problems.add("the API token set is empty");
        }
        if (!ApiTokens.tooShort(tokens).isEmpty()) {
            problems.add("every API token needs at least " + ApiTokens.MIN_LENGTH + " characters");
        }
        Optional<String> key = cursorKey.or(() -> ApiTokens.cursorKey(tokenSource));
        if (key.isPresent() && key.get().length() < CURSOR_KEY_MIN) {
            problems.add("the secret's cursor_key needs at least " + CURSOR_KEY_MIN + " characters");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new ApiConfig(resources, clients, Set.copyOf(tokens),
                key.map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(ApiConfig::processCursorKey), syncInterval);
    }

    /** Without a configured key, this process's own: cursors then only work on this instance. */
    private static byte[] processCursorKey() {
        LOG.warn("no cursor key configured: generated one for this process; cursors will not work across instances",
                Map.of("variable", EnvVars.AUTOSYNC_CURSOR_KEY));
        byte[] key = new byte[CURSOR_KEY_MIN];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String readSecret(AwsClients clients, String arn) {
        try (var secrets = clients.secretsManager()) {
            return secrets.getSecretValue(b -> b.secretId(arn)).secretString();
        } catch (SdkException e) {
            throw new ConfigurationException(List.of("cannot read the API token secret " + arn + ": " + e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return "ApiConfig[" + resources + ", tokens=" + tokens.size() + ", syncInterval=" + syncInterval + "]";
    }
}
