package dev.autosync.local;

import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.github.GitHubConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The user's own GitHub App, chosen by setting {@code GITHUB_APP_ID} and its private key
 * ({@code GITHUB_APP_PRIVATE_KEY} or {@code GITHUB_APP_PRIVATE_KEY_FILE}): the functions call
 * {@code GITHUB_API_URL} (default GitHub's public API) with the user's own settings, and no sandbox starts.
 * Its webhooks reach the local gateway through a forwarder (README: "Your own GitHub App").
 */
record OwnApp(URI apiUrl, String appId) implements LocalGitHub {

    /**
     * The App the variables name, none when none of its three variables is set (the sandbox then), or
     * empty after noting in {@code env} what is missing or wrong: half the pair, an unreadable key file, a
     * key that is no PEM. The key is read and parsed here, so a bad one stops the start before anything runs.
     */
    static Optional<OwnApp> from(Map<String, String> processEnv, Env env) {
        Env own = new Env(processEnv);
        boolean id = own.optional(EnvVars.GITHUB_APP_ID).isPresent();
        boolean key = own.optional(EnvVars.GITHUB_APP_PRIVATE_KEY).isPresent()
                || own.optional(EnvVars.GITHUB_APP_PRIVATE_KEY_FILE).isPresent();
        if (!id && !key) {
            return Optional.empty();
        }
        if (!id || !key) {
            env.problem(id
                    ? EnvVars.GITHUB_APP_ID + " is set but not the App's private key: set " + EnvVars.GITHUB_APP_PRIVATE_KEY
                            + " or " + EnvVars.GITHUB_APP_PRIVATE_KEY_FILE + " as well to use your own GitHub App, or unset "
                            + EnvVars.GITHUB_APP_ID + " to use the GitHub sandbox"
                    : "the App's private key is set but not " + EnvVars.GITHUB_APP_ID + ": set it as well to use your own"
                            + " GitHub App, or unset the key to use the GitHub sandbox");
            return Optional.empty();
        }
        // Locally the key comes from the variables, never from Secrets Manager.
        Map<String, String> vars = new HashMap<>(processEnv);
        vars.remove(EnvVars.GITHUB_APP_PRIVATE_KEY_ARN);
        Env app = new Env(vars);
        Optional<GitHubConfig> config = GitHubConfig.from(app, arn -> {
            throw new IllegalStateException("no Secrets Manager locally");
        });
        try {
            app.validate();
        } catch (ConfigurationException e) {
            e.problems().forEach(env::problem);
            return Optional.empty();
        }
        return config.map(c -> new OwnApp(c.apiUrl(), c.appId()));
    }

    @Override
    public Map<String, String> environment() {
        return Map.of(EnvVars.GITHUB_API_URL, apiUrl.toString());
    }

    @Override
    public String readyFields() {
        return " github=app:" + appId + " github_api=" + apiUrl;
    }

    @Override
    public void close() {
        // nothing was started
    }
}
