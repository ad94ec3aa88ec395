package dev.autosync.webhook;

/** Every way the webhook function refuses a delivery: the HTTP status and the error code it answers. */
public enum Rejection {
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    MISSING_SIGNATURE(401, "missing_signature"),
    MALFORMED_SIGNATURE(401, "malformed_signature"),
    UNSUPPORTED_SIGNATURE_ALGORITHM(401, "unsupported_signature_algorithm"),
    INVALID_SIGNATURE(401, "invalid_signature"),
    MISSING_EVENT(400, "missing_event"),
    INVALID_EVENT(400, "invalid_event"),
    MISSING_DELIVERY(400, "missing_delivery"),
    INVALID_DELIVERY(400, "invalid_delivery"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    INVALID_JSON(400, "invalid_json"),
    MISSING_FORM_PAYLOAD(400, "missing_payload_field"),
    MALFORMED_FORM(400, "malformed_form"),
    INVALID_BODY_ENCODING(400, "invalid_body_encoding"),
    /** Too big for SQS and naming neither installation nor repository: nothing to resync from. */
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    /** Holds characters SQS refuses and names neither installation nor repository. */
    UNQUEUEABLE_PAYLOAD(422, "unqueueable_payload"),
    QUEUE_UNAVAILABLE(503, "queue_unavailable"),
    SECRET_UNAVAILABLE(503, "secret_unavailable");

    private final int status;
    private final String code;

    Rejection(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
