/**
 * Benchmarks (not tests): each {@link dev.autosync.bench.BenchmarkSection} measures something against a
 * baseline taken in the same run on the same stand-ins, prints both and their ratio, and records them as
 * {@link dev.autosync.bench.Figure}s, from which {@code report} writes the Markdown report and its charts.
 * Speed targets are judged from these figures, never by timed assertions in tests.
 */
package dev.autosync.bench;
