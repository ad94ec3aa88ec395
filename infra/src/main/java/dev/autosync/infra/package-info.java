/**
 * The AWS CDK app that deploys autosync. Every table key, index and queue setting comes from
 * {@code dev.autosync.store.TableSchema} and {@code dev.autosync.queue.Queues}, every metric name from
 * {@code dev.autosync.common.MetricNames}; nothing is spelled twice. The dashboard body is the resource
 * {@code dashboard.json}, which {@code template.yaml} embeds verbatim.
 */
package dev.autosync.infra;
