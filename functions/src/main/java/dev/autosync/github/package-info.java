/**
 * Talking to GitHub as a GitHub App: the {@link dev.autosync.github.GitHub} port the sync engine and
 * the API call, its one implementation {@link dev.autosync.github.GitHubClient} (App JWT, cached
 * installation tokens, REST over java.net.http with pagination, ETags, rate limits and retries), and the
 * typed records it returns. It parses only the fields autosync keeps. It never writes to DynamoDB
 * (the ETag store is a port implemented in {@code store}) and never logs a token or a body.
 * {@code internal} holds the mechanics no other capability should call.
 */
package dev.autosync.github;
