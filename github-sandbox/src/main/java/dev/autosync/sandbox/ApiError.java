package dev.autosync.sandbox;

/** A GitHub error response: status and the {@code message} GitHub would give. */
final class ApiError extends RuntimeException {

    final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    static ApiError notFound() {
        return new ApiError(404, "Not Found");
    }
}
