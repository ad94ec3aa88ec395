package dev.autosync.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the sections measured, kept for the report: {@link Figure}s, and named series of raw values for its
 * charts (latencies, points per run, backlog over time). Sections record here beside what they print.
 */
public final class Figures {

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, double[]> series = new LinkedHashMap<>();
    private String section = "";

    /** A sink for the sections' stand-alone {@code main}s, which print only. */
    public static Figures discarding() {
        return new Figures();
    }

    synchronized void section(String name) {
        this.section = name;
    }

    /** A figure with a baseline from the same run. */
    public synchronized void add(String name, double value, String unit, String baselineName, double baseline,
                                 String target) {
        figures.add(new Figure(section, name, value, unit, Optional.of(new Figure.Baseline(baselineName, baseline)),
                Optional.ofNullable(target)));
    }

    /** A figure held only to a target (or to nothing). */
    public synchronized void add(String name, double value, String unit, String target) {
        figures.add(new Figure(section, name, value, unit, Optional.empty(), Optional.ofNullable(target)));
    }

    /** Raw values for a chart, e.g. {@code webhook.handler.ms}. */
    public synchronized void series(String name, double[] values) {
        series.put(name, values.clone());
    }

    public synchronized List<Figure> all() {
        return List.copyOf(figures);
    }

    public synchronized Optional<double[]> series(String name) {
        return Optional.ofNullable(series.get(name)).map(double[]::clone);
    }
}
