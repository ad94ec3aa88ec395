package dev.autosync.webhook;

import dev.autosync.queue.DeliveryId;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns an authenticated request into a {@link WebhookEnvelope}: checks the event and delivery headers
 * and extracts the JSON payload from either content type GitHub offers.
 *
 * @see <a href="https://docs.github.com/en/webhooks/using-webhooks/creating-webhooks#content-type">Webhook
 *     content types</a>
 */
final class DeliveryParser {

    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,20}");

    private DeliveryParser() {
    }

    static WebhookEnvelope parse(WebhookRequest request) {
        String event = request.header(GitHubHeaders.EVENT).orElseThrow(() -> new DeliveryRejectedException(
                Rejection.MISSING_EVENT, "the " + GitHubHeaders.EVENT + " header is missing"));
        if (!EVENT_NAME.matcher(event).matches()) {
            throw new DeliveryRejectedException(Rejection.INVALID_EVENT,
                    "the " + GitHubHeaders.EVENT + " header must be 1 to 64 letters, digits, '_', '.' or '-'");
        }
        String delivery = request.header(GitHubHeaders.DELIVERY).orElseThrow(() -> new DeliveryRejectedException(
                Rejection.MISSING_DELIVERY, "the " + GitHubHeaders.DELIVERY + " header is missing"));
        if (!DeliveryId.isValid(delivery)) {
            throw new DeliveryRejectedException(Rejection.INVALID_DELIVERY,
                    "the " + GitHubHeaders.DELIVERY + " header must be 1 to 64 letters, digits and dashes");
        }
        byte[] json = jsonPayload(request);
        PayloadSummary summary = PayloadSummary.read(json);
        Optional<String> target = request.header(GitHubHeaders.INSTALLATION_TARGET_ID)
                .filter(id -> NUMERIC_ID.matcher(id).matches());
        return new WebhookEnvelope(new DeliveryId(delivery), event, target, summary,
                new String(json, StandardCharsets.UTF_8));
    }

    private static byte[] jsonPayload(WebhookRequest request) {
        String mediaType = request.header(GitHubHeaders.CONTENT_TYPE)
                .map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
        return switch (mediaType) {
            case GitHubHeaders.JSON -> request.body();
            case GitHubHeaders.FORM -> formPayload(request.body());
            default -> throw new DeliveryRejectedException(Rejection.UNSUPPORTED_MEDIA_TYPE,
                    "the content type must be " + GitHubHeaders.JSON + " or " + GitHubHeaders.FORM
                            + (mediaType.isEmpty() ? " (none was given)" : ", not " + mediaType));
        };
    }

    /** The decoded {@code payload} field of a form body. */
    private static byte[] formPayload(byte[] body) {
        // A form body is ASCII by definition; ISO-8859-1 maps every byte to one char, losing nothing.
        String form = new String(body, StandardCharsets.ISO_8859_1);
        String prefix = GitHubHeaders.FORM_PAYLOAD_FIELD + "=";
        for (String pair : form.split("&")) {
            if (pair.startsWith(prefix)) {
                try {
                    return URLDecoder.decode(pair.substring(prefix.length()), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new DeliveryRejectedException(Rejection.MALFORMED_FORM,
                            "the " + GitHubHeaders.FORM_PAYLOAD_FIELD + " field is not valid URL encoding");
                }
            }
        }
        throw new DeliveryRejectedException(Rejection.MISSING_FORM_PAYLOAD,
                "the form body has no " + GitHubHeaders.FORM_PAYLOAD_FIELD + " field");
    }
}
