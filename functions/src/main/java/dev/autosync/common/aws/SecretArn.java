package dev.autosync.common.aws;

import dev.autosync.common.Env;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks, at init and without calling AWS, that a variable holds a Secrets Manager secret's ARN (full, with
 * its six-character suffix, or partial): a deploy that passes a name, a path or another service's ARN fails
 * when the version is published, not on the first request.
 */
public final class SecretArn {

    private static final Pattern ARN = Pattern.compile(
            "arn:aws(-[a-z]+)*:secretsmanager:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+");

    private SecretArn() {
    }

    public static boolean isValid(String value) {
        return ARN.matcher(value).matches();
    }

    /** The variable's value, noting a problem on {@code env} when it is set and not a secret's ARN. */
    public static Optional<String> optional(Env env, String variable) {
        Optional<String> value = env.optional(variable);
        if (value.isPresent() && !isValid(value.get())) {
            env.problem(variable + " must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)");
        }
        return value;
    }
}
