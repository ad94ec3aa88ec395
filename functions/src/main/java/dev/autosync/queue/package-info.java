/**
 * The SQS queues between the functions: their definitions (names, visibility timeouts, redrive to a
 * dead-letter queue — defined here once for the code, tests, local/ and infra/), the message
 * attributes autosync puts on them, and sending.
 */
package dev.autosync.queue;
