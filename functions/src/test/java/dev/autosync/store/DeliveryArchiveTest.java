package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The archive of delivery payloads and the list of deliveries, against dynalite: a payload comes back as it
 * was sent; each delivery is archived once; what does not fit an item (which dynalite would take) is kept as
 * metadata; entries carry their TTL; and the list pages newest first across days and shards, with each filter,
 * never repeating or skipping a delivery even when a sparse filter spends a request's read budget.
 */
@ExtendWith(AwsStandIns.class)
class DeliveryArchiveTest {

    private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(120);
    private static final Duration KEEP = Duration.ofDays(30);

    @Test
    void aPayload_isArchivedOnce_andReadBackWithItsOutcome(AwsFixture aws) {
        String table = aws.provision().tableName();
        DeliveryLedger ledger = ledger(aws, table, T0);
        DeliveryArchive archive = new DeliveryArchive(aws.dynamoDb(), table, KEEP);
        String payload = "{\"action\":\"opened\",\"issue\":{\"title\":\"Ünïcödé ✓\"}}";
        DeliveryLedger.Attempt attempt = ledger.claim(receipt("d-1", "issues", T0, 7L, 70L, payload)).attempt();
        assertTrue(archive.archive("d-1", T0, payload, Optional.empty()));
        assertFalse(archive.archive("d-1", T0, "{\"other\":true}", Optional.empty()), "a second archive leaves the first");
        ledger.complete(attempt, Delivery.Result.STALE, "issue stale");

        DeliveryEntry entry = archive.entry("d-1").orElseThrow();
        assertEquals(Optional.of(payload), entry.archive().flatMap(DeliveryEntry.Archived::payload));
        assertTrue(entry.archive().orElseThrow().payloadArchived());
        assertEquals(T0.plus(KEEP), entry.archive().orElseThrow().expiresAt(), "the TTL is the archive's retention");
        assertEquals(Delivery.Status.COMPLETED, entry.ledger().status());
        assertEquals(Optional.of(Delivery.Result.STALE), entry.result());
        assertEquals(Optional.of(7L), entry.subject().installationId());
        assertEquals(Optional.of(70L), entry.subject().repositoryId());
        assertEquals(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, entry.sizeBytes());
        assertEquals(Optional.empty(), archive.entry("d-unknown"));
        // The stand-in never expires items: the attribute DynamoDB's TTL reads is checked instead.
        Map<String, AttributeValue> item = new Table(aws.dynamoDb(), table).get(Keys.deliveryArchive("d-1")).orElseThrow();
        assertEquals(T0.plus(KEEP).getEpochSecond(), Long.parseLong(item.get(TableSchema.TTL_ATTRIBUTE).n()));
    }

    @Test
    void aPayloadThatDoesNotFitAnItemEvenCompressed_isArchivedAsMetadataWithWhatCoversIt(AwsFixture aws) {
        String table = aws.provision().tableName();
        DeliveryArchive archive = new DeliveryArchive(aws.dynamoDb(), table, KEEP);
        byte[] noise = new byte[450 * 1024];
        new SecureRandom().nextBytes(noise);
        // Random bytes in base64 compress to ~75 %: over the item limit that dynalite itself would not enforce.
        String payload = "{\"body\":\"" + Base64.getEncoder().encodeToString(noise) + "\"}";
        assertTrue(archive.archive("d-big", T0, payload, Optional.of("sync_repository:70")));
        DeliveryEntry.Archived archived = archive.entry("d-big").orElseThrow().archive().orElseThrow();
        assertFalse(archived.payloadArchived());
        assertEquals(Optional.of("sync_repository:70"), archived.coveredBy());
        assertEquals(Optional.empty(), archived.payload());
    }

    @Test
    void withNoRetention_nothingIsArchived(AwsFixture aws) {
        String table = aws.provision().tableName();
        DeliveryArchive archive = new DeliveryArchive(aws.dynamoDb(), table, Duration.ZERO);
        assertFalse(archive.archive("d-0", T0, "{}", Optional.empty()));
        assertEquals(Optional.empty(), archive.entry("d-0"));
    }

    @Test
    void theList_pagesNewestFirstAcrossDaysAndShards_withEveryFilter(AwsFixture aws) {
        String table = aws.provision().tableName();
        DeliveryArchive archive = new DeliveryArchive(aws.dynamoDb(), table, KEEP);
        List<Seeded> seeded = seed(aws, table, 90, new Random(42));

        DeliveryFilter all = filter(Optional.empty(), Optional.empty(), Optional.empty(), T0.minus(Duration.ofDays(5)),
                T0.plus(Duration.ofDays(5)));
        assertEquals(expected(seeded, all, s -> true), ids(pages(archive, all, 7)));

        for (DeliveryFilter.Status status : DeliveryFilter.Status.values()) {
            DeliveryFilter byStatus = filter(Optional.of(status), Optional.empty(), Optional.empty(),
                    all.since(), all.until());
            assertEquals(expected(seeded, byStatus, s -> s.status() == status || status == DeliveryFilter.Status.DUPLICATE
                    && s.duplicate()), ids(pages(archive, byStatus, 5)), status.wireName());
        }
        DeliveryFilter byEvent = filter(Optional.empty(), Optional.of("push"), Optional.empty(), all.since(), all.until());
        assertEquals(expected(seeded, byEvent, s -> s.event().equals("push")), ids(pages(archive, byEvent, 4)));
        DeliveryFilter byRepository = filter(Optional.empty(), Optional.empty(), Optional.of(2L), all.since(), all.until());
        assertEquals(expected(seeded, byRepository, s -> s.repositoryId() == 2L), ids(pages(archive, byRepository, 3)));
        DeliveryFilter byInstallation = new DeliveryFilter(Optional.empty(), Optional.empty(), Optional.of(11L),
                Optional.empty(), all.since(), all.until());
        assertEquals(expected(seeded, byInstallation, s -> s.installationId() == 11L), ids(pages(archive, byInstallation, 6)));

        // since and until are inclusive, to the millisecond.
        Seeded middle = seeded.get(45);
        DeliveryFilter window = filter(Optional.empty(), Optional.empty(), Optional.empty(), middle.receivedAt(),
                middle.receivedAt().plus(Duration.ofHours(20)));
        List<String> inWindow = ids(pages(archive, window, 10));
        assertEquals(expected(seeded, window, s -> true), inWindow);
        assertTrue(inWindow.contains(middle.id()), "since is inclusive");
    }

    @Test
    void aSparseFilterOverManyDeliveries_spendsTheReadBudget_andItsCursorsStillFindEveryMatchOnce(AwsFixture aws) {
        String table = aws.provision().tableName();
        DeliveryArchive archive = new DeliveryArchive(aws.dynamoDb(), table, KEEP);
        DeliveryLedger ledger = ledger(aws, table, T0);
        // 1,500 processed pushes over a day, and three failed ones among the oldest: the budget (1,000 items a
        // request) runs out before a page finds them.
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            String id = String.format("bulk-%05d", i);
            Instant at = T0.plusMillis(30_000L * i);
            DeliveryLedger.Attempt attempt = ledger.claim(receipt(id, "push", at, 1L, 1L, "{}")).attempt();
            if (i == 3 || i == 5 || i == 8) {
                ledger.fail(attempt, "StoreUnavailableException: throttled");
                failed.add(0, id);
            } else {
                ledger.complete(attempt, Delivery.Result.PROCESSED, "push written");
            }
        }
        DeliveryFilter onlyFailed = filter(Optional.of(DeliveryFilter.Status.FAILED), Optional.empty(), Optional.empty(),
                T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)));
        List<Page<DeliveryEntry>> pages = pages(archive, onlyFailed, 2);
        assertEquals(failed, ids(pages), "every failed delivery, newest first, once");
        assertTrue(pages.size() > 2, "the budget ended pages before they filled: " + pages.size());
    }

    private record Seeded(String id, String event, Instant receivedAt, long installationId, long repositoryId,
                          DeliveryFilter.Status status, boolean duplicate) {
    }

    /** Deliveries over three days (received up to 60 h apart from T0), with every outcome. */
    private static List<Seeded> seed(AwsFixture aws, String table, int count, Random random) {
        List<Seeded> seeded = new ArrayList<>();
        DeliveryLedger ledger = ledger(aws, table, T0);
        String[] events = {"push", "issues", "pull_request"};
        DeliveryFilter.Status[] outcomes = {DeliveryFilter.Status.PROCESSED, DeliveryFilter.Status.STALE,
                DeliveryFilter.Status.IGNORED, DeliveryFilter.Status.FAILED, DeliveryFilter.Status.REJECTED,
                DeliveryFilter.Status.IN_PROGRESS};
        for (int i = 0; i < count; i++) {
            String id = "d-" + Integer.toString(i, 36) + "-" + random.nextInt(1000);
            String event = events[random.nextInt(events.length)];
            Instant at = T0.plusMillis(random.nextInt(60 * 3600) * 1000L - 30 * 3600 * 1000L + random.nextInt(1000));
            long installation = 10 + random.nextInt(3);
            long repository = 1 + random.nextInt(4);
            DeliveryFilter.Status status = outcomes[random.nextInt(outcomes.length)];
            DeliveryLedger.Attempt attempt = ledger.claim(receipt(id, event, at, installation, repository, "{}")).attempt();
            boolean duplicate = false;
            switch (status) {
                case PROCESSED -> ledger.complete(attempt, Delivery.Result.PROCESSED, "written");
                case STALE -> ledger.complete(attempt, Delivery.Result.STALE, "stale");
                case IGNORED -> ledger.complete(attempt, Delivery.Result.IGNORED, "ignored: star");
                case FAILED -> ledger.fail(attempt, "StoreUnavailableException: down");
                case REJECTED -> ledger.reject(attempt, "UnreadablePayloadException: bad");
                default -> {
                    // left in progress
                }
            }
            if (status == DeliveryFilter.Status.PROCESSED && random.nextInt(3) == 0) {
                ledger.noteDuplicate(id);
                duplicate = true;
            }
            seeded.add(new Seeded(id, event, at, installation, repository, status, duplicate));
        }
        return seeded;
    }

    private static List<String> expected(List<Seeded> seeded, DeliveryFilter filter, Predicate<Seeded> matches) {
        return seeded.stream()
                .filter(s -> !s.receivedAt().isBefore(filter.since()) && !s.receivedAt().isAfter(filter.until()))
                .filter(matches)
                .sorted(Comparator.comparing((Seeded s) -> Keys.deliveryListSort(s.receivedAt(), s.id())).reversed())
                .map(Seeded::id).toList();
    }

    private static List<Page<DeliveryEntry>> pages(DeliveryArchive archive, DeliveryFilter filter, int limit) {
        List<Page<DeliveryEntry>> pages = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        Set<String> seen = new HashSet<>();
        while (true) {
            Page<DeliveryEntry> page = archive.list(filter, request);
            assertTrue(page.items().size() <= limit);
            page.items().forEach(e -> assertTrue(seen.add(e.ledger().deliveryId()), "repeated " + e.ledger().deliveryId()));
            pages.add(page);
            if (page.next().isEmpty()) {
                return pages;
            }
            assertTrue(pages.size() < 500, "the cursors make progress");
            request = new PageRequest(limit, page.next());
        }
    }

    private static List<String> ids(List<Page<DeliveryEntry>> pages) {
        return pages.stream().flatMap(p -> p.items().stream()).map(e -> e.ledger().deliveryId()).toList();
    }

    private static DeliveryFilter filter(Optional<DeliveryFilter.Status> status, Optional<String> event,
                                         Optional<Long> repositoryId, Instant since, Instant until) {
        return new DeliveryFilter(status, event, Optional.empty(), repositoryId, since, until);
    }

    private static DeliveryLedger.Receipt receipt(String id, String event, Instant at, Long installation, Long repository,
                                                  String payload) {
        return new DeliveryLedger.Receipt(id, event, null, at, installation, repository,
                payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    private static DeliveryLedger ledger(AwsFixture aws, String table, Instant now) {
        return new DeliveryLedger(aws.dynamoDb(), table, Clock.fixed(now, ZoneOffset.UTC), LEASE, KEEP);
    }
}
