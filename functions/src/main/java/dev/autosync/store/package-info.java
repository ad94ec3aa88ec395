/**
 * The DynamoDB copy of GitHub: the single table's schema (keys, GSIs, TTL attribute — defined here
 * once and used by the code, tests, local/ and infra/), the items autosync keeps, and the conditional
 * writes that make them idempotent and order-safe. SDK exceptions are translated here and never leave
 * this package.
 */
package dev.autosync.store;
