package dev.autosync.common;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads configuration from a variable map. Callers read everything they need, then call
 * {@link #validate()} once, which reports every missing or malformed variable in one message rather
 * than failing on the first.
 */
public final class Env {

    private final Map<String, String> vars;
    private final List<String> problems = new ArrayList<>();

    public Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public Optional<String> optional(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The value, or {@code ""} after noting it as missing. */
    public String required(String name) {
        return optional(name).orElseGet(() -> {
            problems.add(name + " is not set");
            return "";
        });
    }

    /** A URL that must be set (a queue's, say): the value, or {@code ""} after noting it as missing or malformed. */
    public String requiredUrl(String name) {
        if (optional(name).isEmpty()) {
            return required(name);
        }
        return optionalUri(name).map(URI::toString).orElse("");
    }

    public Optional<URI> optionalUri(String name) {
        return optional(name).flatMap(value -> {
            try {
                URI uri = URI.create(value);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
                return Optional.of(uri);
            } catch (IllegalArgumentException e) {
                problems.add(name + " is not a URL (" + value + ")");
                return Optional.empty();
            }
        });
    }

    public boolean flag(String name, boolean fallback) {
        return optional(name).map(value -> switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> {
                problems.add(name + " must be true or false, not '" + value + "'");
                yield fallback;
            }
        }).orElse(fallback);
    }

    public long positiveLong(String name, long fallback) {
        return optional(name).map(value -> {
            try {
                long parsed = Long.parseLong(value);
                if (parsed <= 0) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                problems.add(name + " must be a positive whole number, not '" + value + "'");
                return fallback;
            }
        }).orElse(fallback);
    }

    /** Records a problem found by the caller's own checks, so it is reported with the others. */
    public void problem(String message) {
        problems.add(message);
    }

    /** Throws {@link ConfigurationException} naming every problem noted so far. */
    public void validate() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }
}
