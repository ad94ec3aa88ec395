package dev.autosync.sandbox;

/**
 * A mutation named an installation, repository, branch or issue the sandbox does not have (the control
 * API answers 404). It is an {@link IllegalArgumentException}, as the sandbox's other refusals are.
 */
public final class UnknownEntityException extends IllegalArgumentException {

    public UnknownEntityException(String message) {
        super(message);
    }
}
