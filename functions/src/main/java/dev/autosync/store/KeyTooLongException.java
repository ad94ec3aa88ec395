package dev.autosync.store;

/**
 * The store was about to send DynamoDB a key over its size limits: a key built from outside text that
 * {@link Keys} did not bound. A bug, never an outage, so it is not a {@link StoreUnavailableException}
 * (which a caller retries). The message names the attribute and its size, never the key's text.
 */
public final class KeyTooLongException extends RuntimeException {

    KeyTooLongException(String attribute, int bytes, int limit) {
        super("key attribute " + attribute + " is " + bytes + " bytes of UTF-8; DynamoDB allows " + limit);
    }
}
