package dev.autosync.common;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often the periodic sync runs ({@link EnvVars#AUTOSYNC_SYNC_INTERVAL}), read in one place for the
 * sync engine, the health check and the local schedule. {@code off} means no schedule (webhook-only
 * experiments); health then judges coverage by the default interval, since nothing else is configured.
 *
 * @param every the interval, empty when the schedule is off
 */
public record SyncInterval(Optional<Duration> every) {

    public static final Duration DEFAULT = Duration.ofMinutes(15);
    /** EventBridge's finest rate is one minute; anything shorter would only be refused at deploy time. */
    public static final Duration MINIMUM = Duration.ofMinutes(1);
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})\\s*(s|m|h)?");

    public static SyncInterval from(Env env) {
        Optional<String> value = env.optional(EnvVars.AUTOSYNC_SYNC_INTERVAL);
        if (value.isEmpty()) {
            return new SyncInterval(Optional.of(DEFAULT));
        }
        String text = value.get().trim().toLowerCase(Locale.ROOT);
        if (text.equals("off")) {
            return new SyncInterval(Optional.empty());
        }
        Matcher m = FORM.matcher(text);
        Duration parsed = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "m" : m.group(2);
            parsed = switch (unit) {
                case "s" -> Duration.ofSeconds(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
        }
        if (parsed == null || parsed.compareTo(MINIMUM) < 0) {
            env.problem(EnvVars.AUTOSYNC_SYNC_INTERVAL + " must be minutes (15), a duration with a unit (90s, 15m, 1h) of at"
                    + " least one minute, or off, not '" + value.get() + "'");
            return new SyncInterval(Optional.of(DEFAULT));
        }
        return new SyncInterval(Optional.of(parsed));
    }

    public boolean off() {
        return every.isEmpty();
    }

    /** The interval health and the engine reason with: the configured one, or the default when off. */
    public Duration effective() {
        return every.orElse(DEFAULT);
    }
}
