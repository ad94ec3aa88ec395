package dev.autosync.api.analytics;

import java.util.List;
import java.util.Optional;

/** The median of a list of numbers: the middle value, or the mean of the two middle values. */
final class Median {

    private Median() {
    }

    static Optional<Double> of(List<Double> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return Optional.of(sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
