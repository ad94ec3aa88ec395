/**
 * The webhook function: GitHub posts a delivery, this package authenticates it (HMAC signature with
 * rotating secrets), validates it, and puts it on the events queue unchanged — or, when it is too big for
 * SQS, queues a resync task instead. It never interprets an event beyond the few fields it logs and
 * must not touch the table: the processor owns that.
 */
package dev.autosync.webhook;
