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
 * against that description by the contract test. Search ({@code GET /search/issues}) is charged to a
 * separate per-installation budget of 30 a minute, and every response carries a {@code Date} from the
 * sandbox clock (hence {@code LoopbackHttpServer} rather than the JDK server, which overwrites it).
 *
 * <p>{@code ControlServer} serves the control API ({@code GET /_sandbox/state}, {@code POST
 * /_sandbox/actions}) on a second loopback port, and {@link dev.autosync.sandbox.WebhookMode} says
 * whether a mutation's webhooks are delivered, recorded as missed (redeliverable), or dropped.
 */
package dev.autosync.sandbox;
