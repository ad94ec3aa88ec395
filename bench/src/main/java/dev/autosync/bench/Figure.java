package dev.autosync.bench;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One measured figure as the report shows it: what it is, its value and unit, the baseline measured in the
 * same run (when the figure has one) and the target it is held to, in words.
 *
 * @param section  the benchmark section that measured it
 * @param name     what was measured ("webhook handler p99")
 * @param value    the measurement, in {@code unit}
 * @param unit     "ms", "points", "bytes", ...
 * @param baseline the same-run baseline in the same unit, and what it is
 * @param target   the target in words ("ratio ≤ 1.20"), or empty
 */
public record Figure(String section, String name, double value, String unit, Optional<Baseline> baseline,
                     Optional<String> target) {

    /** A baseline: what it measured and its value. */
    public record Baseline(String name, double value) {
    }

    /** value ÷ baseline, when there is a baseline that is not zero. */
    public OptionalDouble ratio() {
        return baseline.filter(b -> b.value() != 0)
                .map(b -> OptionalDouble.of(value / b.value()))
                .orElse(OptionalDouble.empty());
    }
}
