package dev.autosync.api;

/** A request parameter (query, path or cursor) is missing, malformed or out of range: a 400 naming it. */
public final class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
