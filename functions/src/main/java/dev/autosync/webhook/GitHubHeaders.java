package dev.autosync.webhook;

/**
 * The header names of a GitHub webhook delivery, lower-cased as API Gateway delivers them (lookups are
 * case-insensitive anyway, see {@link WebhookRequest#header}).
 *
 * @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers">Delivery headers</a>
 */
public final class GitHubHeaders {

    private GitHubHeaders() {
    }

    /** {@code sha256=} followed by the hex HMAC-SHA256 of the raw body under the webhook secret. */
    public static final String SIGNATURE_256 = "x-hub-signature-256";
    /** The event name, e.g. {@code push}. */
    public static final String EVENT = "x-github-event";
    /** The delivery GUID; a redelivery keeps it. */
    public static final String DELIVERY = "x-github-delivery";
    /** For an App webhook, the App id. */
    public static final String INSTALLATION_TARGET_ID = "x-github-hook-installation-target-id";
    public static final String CONTENT_TYPE = "content-type";

    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";
    /** The only algorithm accepted; GitHub's legacy {@code sha1=} header is refused. */
    public static final String SIGNATURE_PREFIX = "sha256=";
    /** The form field that holds the JSON payload when the hook's content type is form-encoded. */
    public static final String FORM_PAYLOAD_FIELD = "payload";
}
