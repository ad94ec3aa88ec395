package dev.autosync.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.common.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Captures what the functions print (log lines and EMF metric lines) while open. */
public final class CapturedLines implements AutoCloseable {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public CapturedLines() {
        Log.redirect(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    /** Every line printed so far, parsed. */
    public List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(Json.mapper().readTree(line));
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    /** The EMF lines whose {@code _aws} block defines metric {@code name}. */
    public List<JsonNode> metric(String name) {
        return lines().stream().filter(line -> {
            for (JsonNode definition : line.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics")) {
                if (name.equals(definition.path("Name").asText())) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    /** The metric lines for {@code name} whose dimension values are {@code dimensionsAndValues} (pairs). */
    public List<JsonNode> metric(String name, String... dimensionsAndValues) {
        return metric(name).stream().filter(line -> {
            for (int i = 0; i < dimensionsAndValues.length; i += 2) {
                if (!dimensionsAndValues[i + 1].equals(line.path(dimensionsAndValues[i]).asText(null))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** The sum of {@code name}'s values over the matching lines. */
    public double sum(String name, String... dimensionsAndValues) {
        return metric(name, dimensionsAndValues).stream().mapToDouble(line -> line.path(name).asDouble()).sum();
    }

    @Override
    public void close() {
        Log.redirect(System.out);
    }
}
