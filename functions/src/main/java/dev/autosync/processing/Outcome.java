package dev.autosync.processing;

import dev.autosync.store.Delivery;
import dev.autosync.store.WriteOutcome;
import java.util.Locale;

/**
 * What handling one delivery did. The ledger records {@link #text()} (for people: {@code issue written},
 * {@code installation stale, import requested}, {@code ignored: star}); the {@code Events} metric and the
 * processor's {@link EventProcessor.Result} follow {@link #kind()}. Nothing parses the text back.
 *
 * @param text never payload text beyond what the handlers put in (counts, event names, ids)
 */
record Outcome(Kind kind, String text) {

    enum Kind {
        /** The delivery's writes were applied. */
        APPLIED(dev.autosync.store.DeliveryHours.PROCESSED),
        /** Its write lost to newer stored data (by GitHub's own timestamps): nothing changed. */
        STALE("stale"),
        /** Refused because its subject is deleted, so that it stays deleted. */
        SKIPPED("ignored"),
        /** An event (or an installation) autosync does not keep. */
        IGNORED("ignored");

        private final String metricName;

        Kind(String metricName) {
            this.metricName = metricName;
        }

        /** The {@code outcome} dimension of the {@code Events} metric. */
        String metricName() {
            return metricName;
        }
    }

    static Outcome applied(String text) {
        return new Outcome(Kind.APPLIED, text);
    }

    /** A guarded write of {@code subject}, e.g. {@code issue written}, {@code repository stale}. */
    static Outcome written(String subject, WriteOutcome write) {
        Kind kind = switch (write) {
            case WRITTEN -> Kind.APPLIED;
            case STALE -> Kind.STALE;
            case DELETED -> Kind.SKIPPED;
        };
        return new Outcome(kind, subject + " " + write.name().toLowerCase(Locale.ROOT));
    }

    static Outcome skipped(String reason) {
        return new Outcome(Kind.SKIPPED, "skipped: " + reason);
    }

    static Outcome ignored(String reason) {
        return new Outcome(Kind.IGNORED, "ignored: " + reason);
    }

    /** The ledger's result of a completed delivery of this kind. */
    Delivery.Result result() {
        return switch (kind) {
            case APPLIED -> Delivery.Result.PROCESSED;
            case STALE -> Delivery.Result.STALE;
            case SKIPPED, IGNORED -> Delivery.Result.IGNORED;
        };
    }

    /** The same outcome, with what else the delivery started (e.g. {@code import requested}). */
    Outcome and(String followUp) {
        return new Outcome(kind, text + ", " + followUp);
    }
}
