/**
 * The processor: turns queued webhook deliveries into the DynamoDB copy of GitHub. {@link
 * dev.autosync.processing.ProcessorHandler} is the thin Lambda adapter (partial batch responses);
 * {@link dev.autosync.processing.EventProcessor} is plain Java: delivery-level idempotency through the
 * store's ledger, then one handler per GitHub event. Before anything is written, a payload of a known event
 * must have that event's shape ({@link dev.autosync.processing.PayloadShape}): the signature does not cover
 * the event header. A message that can never be processed is rejected — recorded in the ledger, not
 * retried — while a failure a retry may cure is retried. It reads payloads as GitHub really sends them and
 * writes only through {@code dev.autosync.store}; it never calls GitHub (work that needs the API goes to
 * the sync engine as a sync task).
 */
package dev.autosync.processing;
