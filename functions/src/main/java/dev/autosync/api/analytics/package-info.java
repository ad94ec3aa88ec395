/**
 * Repository analytics as pure functions of the stored commits, issues and pull requests: commits per
 * week, active contributors, bus factor, issue and pull-request flow, and the team-health score. No I/O
 * here: the api reads the facts through the store and hands them in, so every figure is testable on a
 * hand-computed fixture.
 */
package dev.autosync.api.analytics;
