package dev.autosync.common.aws;

/**
 * A secret could not be read (or was malformed) and no earlier value is cached. The message names the
 * secret and why, never its value. Callers answer 503 or retry later: it is not a configuration error,
 * since the secret may become readable (permissions fixed, KMS key enabled, value corrected) without a
 * redeploy.
 */
public final class SecretUnreadableException extends RuntimeException {

    public SecretUnreadableException(String message) {
        super(message);
    }
}
