/**
 * The read API and dashboard: the HTTP routes operators and the analytics front end call (health, sync
 * jobs, sync control, the synced data, analytics) and the one-page dashboard. It owns routing, bearer
 * authentication, parameter validation, encrypted, authenticated pagination cursors and the JSON shapes (snake_case, as
 * the seed system documented them). It reads through {@code dev.autosync.store} and queues sync work
 * through {@code dev.autosync.queue}; it never writes GitHub data and never talks to GitHub.
 */
package dev.autosync.api;
