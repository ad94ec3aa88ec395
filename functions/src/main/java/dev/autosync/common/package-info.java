/**
 * What every function shares and no capability owns: the configuration seam ({@link
 * dev.autosync.common.Env}, {@link dev.autosync.common.EnvVars}), the one JSON mapper, structured
 * logging, the headers of every HTTP response ({@link dev.autosync.common.ResponseHeaders}) and, under
 * {@code aws}, how SDK clients are built. Of GitHub's events it knows only their names and shapes ({@link
 * dev.autosync.common.WebhookEvent}: the one list the webhook, the processor and the metrics share), never
 * what they mean.
 */
package dev.autosync.common;
