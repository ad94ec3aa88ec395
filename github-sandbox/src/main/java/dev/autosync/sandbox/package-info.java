/**
 * A stateful fake GitHub served over real HTTP, answering like api.github.com, for tests and the local
 * demo. It is never deployed.
 */
package dev.autosync.sandbox;
