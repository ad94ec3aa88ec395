/**
 * A stateful fake GitHub served over real HTTP, answering like api.github.com, for tests and the local
 * demo. It is never deployed, and it does not depend on autosync's own code.
 *
 * <p>{@link dev.autosync.sandbox.GitHubSandbox} owns the state (App, installations, accounts,
 * repositories, branches, commits, issues, pull requests) and the seeding API; its
 * {@link dev.autosync.sandbox.Webhooks} send, record, miss and redeliver signed webhooks, and its
 * {@link dev.autosync.sandbox.Faults} inject 5xx bursts, secondary rate limits and latency. The HTTP side
 * ({@code ApiServer}, {@code Routes}) checks App JWTs and installation tokens, pages with {@code Link},
 * answers {@code 304} to matching ETags without charging the rate limit, and sends GitHub's rate-limit
 * headers. Response shapes come from templates derived from GitHub's OpenAPI examples and are checked
 * against that description by the contract test.
 */
package dev.autosync.sandbox;
