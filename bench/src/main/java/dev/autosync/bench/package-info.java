/**
 * Benchmarks (not tests): each {@link dev.autosync.bench.BenchmarkSection} measures something against a
 * baseline taken in the same run on the same stand-ins, and prints both and their ratio. Speed targets
 * are judged from these figures, never by timed assertions in tests.
 */
package dev.autosync.bench;
