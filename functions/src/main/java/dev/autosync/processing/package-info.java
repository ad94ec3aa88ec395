/**
 * The processor: turns queued webhook deliveries into the DynamoDB copy of GitHub. {@link
 * dev.autosync.processing.ProcessorHandler} is the thin Lambda adapter (partial batch responses);
 * {@link dev.autosync.processing.EventProcessor} is plain Java: delivery-level idempotency through the
 * store's ledger, then one handler per GitHub event. It reads payloads as GitHub really sends them and
 * writes only through {@code dev.autosync.store}; it never calls GitHub (work that needs the API goes to
 * the sync engine as a sync task).
 */
package dev.autosync.processing;
