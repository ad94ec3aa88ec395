/**
 * Local stand-ins for AWS: servers that speak the real DynamoDB and SQS wire protocols, started and
 * stopped by the code itself for tests, {@code local/} and the benchmarks.
 *
 * <p>Owns process and server lifecycles only. It knows nothing of autosync's tables or queues: the
 * caller provisions them from the production definitions, so tests and production cannot drift.
 */
package dev.autosync.standins;
