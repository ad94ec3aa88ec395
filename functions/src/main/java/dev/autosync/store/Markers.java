package dev.autosync.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Names of the "applied" markers counter items carry (top-level attributes, so no map has to exist
 * before the first one is set). A marker makes one counter change retry-safe: the change is conditioned
 * on the marker's absence and sets it.
 */
final class Markers {

    static final String PREFIX = "ap#";
    private static final String DELIVERY = PREFIX + "d:";
    private static final String CONTRIBUTION = PREFIX + "c:";
    private static final String LANE = PREFIX + "l";

    /**
     * Prefix of a repository's per-day generations ({@code rg<kind>#<yyyy-MM-dd>}, {@code rg<kind>#all},
     * {@code rg<kind>#at}; see {@link AnalyticsDays}). Not an {@code ap#} marker: a lifted tombstone keeps them.
     */
    static final String GENERATION = "rg";

    /** Markers are looked up for pruning once an item holds this many: a few cost less than the lookup. */
    private static final int PRUNE_FROM = 4;
    /**
     * Markers an item written without a read first ({@link #prune}) may gather before they are looked up and
     * removed: two requests per this many writes, and about 50 bytes each on the item meanwhile.
     */
    static final int PRUNE_AFTER_WRITE = 12;

    private Markers() {
    }

    /** The marker of a batch of counter changes made by one delivery (commits of a push). */
    static String delivery(String deliveryId) {
        return DELIVERY + deliveryId;
    }

    /** One of a counter parent's lanes (see {@code Contributions}). */
    static String lane(int index) {
        return LANE + index;
    }

    /** The marker of one contribution flag change of one child, as items written before lanes carry them. */
    static String contribution(Keys.Key child, String counter, long version) {
        return CONTRIBUTION + child.pk() + "|" + child.sk() + "|" + counter + "@" + version;
    }

    /** The child a {@link #contribution} marker names. */
    static Keys.Key contributionChild(String marker) {
        String[] parts = marker.substring(CONTRIBUTION.length()).split("\\|");
        return new Keys.Key(parts[0], parts[1]);
    }

    /** The flag version a {@link #contribution} marker names. */
    static long contributionVersion(String marker) {
        return Long.parseLong(marker.substring(marker.lastIndexOf('@') + 1));
    }

    /** The generation attribute of one period's figures of one kind (a day {@code yyyy-MM-dd}, a month {@code yyyy-MM}). */
    static String generation(String kind, String period) {
        return GENERATION + kind + "#" + period;
    }

    /** The generation that every day of a kind adds (bumped when one write changed too many days to name). */
    static String generationOfAll(String kind) {
        return GENERATION + kind + "#all";
    }

    /** Epoch seconds of the latest bump of any day of a kind. */
    static String generationBumpedAt(String kind) {
        return GENERATION + kind + "#at";
    }

    /** The day a {@link #generation} attribute names, if it is one. */
    static java.util.Optional<java.time.LocalDate> generationDay(String attribute) {
        if (!attribute.startsWith(GENERATION) || attribute.length() != GENERATION.length() + 2 + 10
                || attribute.charAt(GENERATION.length() + 1) != '#') {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(java.time.LocalDate.parse(attribute.substring(GENERATION.length() + 2)));
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    static boolean isContribution(String attribute) {
        return attribute.startsWith(CONTRIBUTION);
    }

    static boolean isMarker(String attribute) {
        return attribute.startsWith(PREFIX);
    }

    /**
     * For an item just written without reading it first ({@code item}, as the write returned it): once it holds
     * {@link #PRUNE_AFTER_WRITE} delivery markers besides {@code keep}, removes those whose delivery is
     * completed, in one more write. Nothing depends on a marker's removal, so a lost race only leaves it for later.
     */
    static void prune(Table table, Keys.Key key, Map<String, AttributeValue> item, String keep) {
        prune(table, key, item, keep, List.of());
    }

    /** As {@link #prune(Table, Keys.Key, Map, String)}, removing {@code alsoRemove} (other outdated attributes) too. */
    static void prune(Table table, Keys.Key key, Map<String, AttributeValue> item, String keep, List<String> alsoRemove) {
        List<String> remove = new ArrayList<>(alsoRemove);
        if (item.keySet().stream().filter(a -> a.startsWith(DELIVERY) && !a.equals(keep)).count() >= PRUNE_AFTER_WRITE) {
            removable(item, table).stream().filter(marker -> !marker.equals(keep)).forEach(remove::add);
        }
        if (remove.isEmpty()) {
            return;
        }
        Expression e = Expression.create();
        remove.forEach(e::remove);
        e.condition("attribute_exists(" + e.name(TableSchema.PK) + ")");
        table.update(e.apply(software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder().key(Av.key(key))));
    }

    /**
     * Delivery markers on {@code item} that may be dropped: their delivery is completed, so it will never
     * be processed again while its record lives (and a redelivery after that only counts what it creates).
     */
    static List<String> removable(Map<String, AttributeValue> item, Table table) {
        List<String> markers = item.keySet().stream().filter(a -> a.startsWith(DELIVERY)).toList();
        if (markers.size() < PRUNE_FROM) {
            return List.of();
        }
        List<Keys.Key> keys = new ArrayList<>();
        Map<String, String> markerByPk = new HashMap<>();
        for (String marker : markers.subList(0, Math.min(markers.size(), 100))) {
            Keys.Key key = Keys.delivery(marker.substring(DELIVERY.length()));
            keys.add(key);
            markerByPk.put(key.pk(), marker);
        }
        return table.batchGet(keys).stream()
                .filter(d -> "completed".equals(Av.str(d, Attr.STATUS)))
                .map(d -> markerByPk.get(d.get(TableSchema.PK).s()))
                .toList();
    }
}
