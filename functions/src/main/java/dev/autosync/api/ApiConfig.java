package dev.autosync.api;

import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Log;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Resources;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The api's configuration, read and validated at once: where the table and queues are, the bearer
 * tokens (from {@code AUTOSYNC_API_TOKENS}, or the Secrets Manager secret named by
 * {@code AUTOSYNC_API_TOKENS_SECRET_ARN}) and the cursor-signing key ({@code AUTOSYNC_CURSOR_KEY}).
 */
public record ApiConfig(Resources resources, AwsClients clients, Set<String> tokens, byte[] cursorKey) {

    private static final Log LOG = Log.of(ApiConfig.class);
    private static final int CURSOR_KEY_MIN = 32;

    /** @throws ConfigurationException naming every missing or malformed variable */
    public static ApiConfig from(Env env) {
        Resources resources = Resources.from(env);
        AwsClients clients = AwsClients.from(env);
        byte[] cursorKey = cursorKey(env);
        var inline = env.optional(EnvVars.AUTOSYNC_API_TOKENS);
        var secretArn = env.optional(EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN);
        if (inline.isEmpty() && secretArn.isEmpty()) {
            env.problem(EnvVars.AUTOSYNC_API_TOKENS + " or " + EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN + " must be set");
        }
        env.validate();
        Set<String> tokens = ApiTokens.parse(inline.orElseGet(() -> readSecret(clients, secretArn.get())));
        if (tokens.isEmpty()) {
            throw new ConfigurationException(List.of("the API token set is empty"));
        }
        if (!ApiTokens.tooShort(tokens).isEmpty()) {
            throw new ConfigurationException(List.of("every API token needs at least " + ApiTokens.MIN_LENGTH + " characters"));
        }
        return new ApiConfig(resources, clients, Set.copyOf(tokens), cursorKey);
    }

    private static byte[] cursorKey(Env env) {
        return env.optional(EnvVars.AUTOSYNC_CURSOR_KEY).map(value -> {
            if (value.length() < CURSOR_KEY_MIN) {
                env.problem(EnvVars.AUTOSYNC_CURSOR_KEY + " needs at least " + CURSOR_KEY_MIN + " characters");
            }
            return value.getBytes(StandardCharsets.UTF_8);
        }).orElseGet(() -> {
            LOG.warn("no cursor key configured: generated one for this process; cursors will not work across instances",
                    Map.of("variable", EnvVars.AUTOSYNC_CURSOR_KEY));
            byte[] key = new byte[CURSOR_KEY_MIN];
            new SecureRandom().nextBytes(key);
            return key;
        });
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
        return "ApiConfig[" + resources + ", tokens=" + tokens.size() + "]";
    }
}
