/**
 * Runs autosync on one machine: starts the AWS stand-ins, provisions the table and queues, and puts
 * the functions behind a local stand-in for API Gateway and behind local event sources — SQS pollers
 * for the processor and the sync tasks, and {@link dev.autosync.local.LocalSchedule} for the periodic
 * sync's EventBridge schedule. Nothing in {@code functions/} may depend on this package.
 */
package dev.autosync.local;
