package dev.autosync.sync;

/**
 * The repository's sync lease passed to another task while this one worked (it overran the lease): this
 * task stops without writing more, and its message is retried, finding the other task's progress.
 */
final class LeaseLostException extends RuntimeException {

    LeaseLostException() {
        super("the repository's sync lease was taken over");
    }
}
