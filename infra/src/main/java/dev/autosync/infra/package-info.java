/**
 * The AWS CDK app that deploys autosync. Every table key, index and queue setting comes from
 * {@code dev.autosync.store.TableSchema} and {@code dev.autosync.queue.Queues}; nothing is spelled twice.
 */
package dev.autosync.infra;
