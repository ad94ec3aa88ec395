/**
 * What every function shares and no capability owns: the configuration seam ({@link
 * dev.autosync.common.Env}, {@link dev.autosync.common.EnvVars}), the one JSON mapper, structured
 * logging and, under {@code aws}, how SDK clients are built. Nothing here knows about GitHub events.
 */
package dev.autosync.common;
