/**
 * Runs autosync on one machine: starts the AWS stand-ins, provisions the table and queues, and puts
 * the functions behind a local stand-in for API Gateway (and, as they arrive, behind local event
 * sources such as an SQS poller). Nothing in {@code functions/} may depend on this package.
 */
package dev.autosync.local;
