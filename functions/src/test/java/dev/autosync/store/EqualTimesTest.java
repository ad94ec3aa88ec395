package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.aws.Resources;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes of one entity at one GitHub time (whole seconds: two changes in a second share it) end the same
 * whatever order they are applied in: the later observation wins, and the content breaks a tie of both.
 */
@ExtendWith(AwsStandIns.class)
class EqualTimesTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

    /** One kind of mutable entity: how to write a variant of it (told apart by {@code text}) and where it lands. */
    enum Kind {
        INSTALLATION(Keys.installation(42)) {
            @Override
            WriteOutcome write(EntityStore entities, String text, Instant observedAt) {
                return entities.upsertInstallation(new Installation(42, "acme", "Organization", text, null, null,
                        T.minusSeconds(86400), T), T, observedAt);
            }
        },
        REPOSITORY(Keys.repository(7)) {
            @Override
            WriteOutcome write(EntityStore entities, String text, Instant observedAt) {
                return entities.upsertRepository(new Repository(7, 42L, "tool", "acme/tool", "acme",
                        "https://github.com/acme/tool", false, "main", "Java", text, false, false,
                        T.minusSeconds(86400), T, T, null, true, true, 0, 0, 0, 0), T, observedAt);
            }
        },
        ISSUE(Keys.issue(7, 3)) {
            @Override
            WriteOutcome write(EntityStore entities, String text, Instant observedAt) {
                return entities.upsertIssue(new Issue(7, 7003, 3, text, null, "open", null, List.of(), List.of(),
                        "erin", 0, T.minusSeconds(3600), T, null), observedAt);
            }
        },
        PULL(Keys.pull(7, 4)) {
            @Override
            WriteOutcome write(EntityStore entities, String text, Instant observedAt) {
                return entities.upsertPull(new PullRequest(7, 7504, 4, text, null, "open", false, false, null,
                        "erin", "fix", "main", T.minusSeconds(3600), T, null), observedAt);
            }
        };

        final Keys.Key key;

        Kind(Keys.Key key) {
            this.key = key;
        }

        abstract WriteOutcome write(EntityStore entities, String text, Instant observedAt);
    }

    private record Write(String text, Instant observedAt) {
    }

    private static Map<String, AttributeValue> apply(AwsFixture aws, Kind kind, Write... writes) {
        Resources resources = aws.provision();
        EntityStore entities = new EntityStore(aws.dynamoDb(), resources.tableName(), Clock.fixed(T, ZoneOffset.UTC));
        for (Write write : writes) {
            kind.write(entities, write.text(), write.observedAt());
        }
        return entities.raw(kind.key).orElseThrow();
    }

    private static String text(Kind kind, Map<String, AttributeValue> item) {
        return switch (kind) {
            case INSTALLATION -> Av.str(item, Attr.REPOSITORY_SELECTION);
            case REPOSITORY -> Av.str(item, Attr.DESCRIPTION);
            case ISSUE, PULL -> Av.str(item, Attr.TITLE);
        };
    }

    // Protects against equal times decided by arrival: with "the later write wins", two changes in one second
    // applied in opposite orders by two processors left two different items, for good.
    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoWritesAtOneTimeAndObservation_endIdentical_inEitherOrder(Kind kind, AwsFixture aws) {
        Write first = new Write("all", T);
        Write second = new Write("selected", T);

        Map<String, AttributeValue> forwards = apply(aws, kind, first, second);
        Map<String, AttributeValue> backwards = apply(aws, kind, second, first);

        assertEquals(forwards, backwards);
    }

    // Protects the sync engine's repair: its read of GitHub comes after both deliveries of a second, so what it
    // read at the same updated_at must replace either of them, and no delivery observed earlier may undo it.
    @ParameterizedTest
    @EnumSource(Kind.class)
    void theLaterObservation_winsAtOneTime_inEitherOrder(Kind kind, AwsFixture aws) {
        Write delivered = new Write("all", T.plusMillis(300));
        Write readLater = new Write("selected", T.plusSeconds(40));

        assertEquals("selected", text(kind, apply(aws, kind, delivered, readLater)));
        assertEquals("selected", text(kind, apply(aws, kind, readLater, delivered)));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRepeatedWrite_isANoOp(Kind kind, AwsFixture aws) {
        Resources resources = aws.provision();
        EntityStore entities = new EntityStore(aws.dynamoDb(), resources.tableName(), Clock.fixed(T, ZoneOffset.UTC));
        assertEquals(WriteOutcome.WRITTEN, kind.write(entities, "all", T));
        Map<String, AttributeValue> once = entities.raw(kind.key).orElseThrow();

        assertEquals(WriteOutcome.STALE, kind.write(entities, "all", T));

        assertEquals(once, entities.raw(kind.key).orElseThrow());
    }

    // Protects items written before observed_at existed: they must neither fail a write nor win a tie.
    @ParameterizedTest
    @EnumSource(Kind.class)
    void anItemWithoutObservation_losesATieToAnyObservation(Kind kind, AwsFixture aws) {
        Resources resources = aws.provision();
        EntityStore entities = new EntityStore(aws.dynamoDb(), resources.tableName(), Clock.fixed(T, ZoneOffset.UTC));
        kind.write(entities, "all", T.plusSeconds(60));
        aws.dynamoDb().updateItem(b -> b.tableName(resources.tableName()).key(Av.key(kind.key))
                .updateExpression("REMOVE observed_at, content_hash"));

        assertEquals(WriteOutcome.WRITTEN, kind.write(entities, "selected", Instant.EPOCH));

        assertEquals("selected", text(kind, entities.raw(kind.key).orElseThrow()));
    }

    // Protects the one place of the rule: the read-first skip and the condition must order versions alike, or the
    // skip would refuse a write the condition lets through (or the condition refuse what the skip let by).
    @Test
    void theConditionAndTheSkip_orderEveryPairOfVersionsAlike(AwsFixture aws) {
        Resources resources = aws.provision();
        Table table = new Table(aws.dynamoDb(), resources.tableName());
        List<Version> stored = new ArrayList<>();
        List<Version> writes = new ArrayList<>();
        for (long time : new long[] {1, 2}) {
            for (Long observed : new Long[] {null, 1L, 2L}) {
                for (String hash : new String[] {null, "0a", "0b"}) {
                    stored.add(new Version(time, observed, hash));
                    if (observed != null && hash != null) {
                        writes.add(new Version(time, observed, hash));
                    }
                }
            }
        }
        int pair = 0;
        for (Version before : stored) {
            for (Version write : writes) {
                Keys.Key key = Keys.issue(1, ++pair);
                Map<String, AttributeValue> item = new HashMap<>(Av.key(key));
                item.put(Attr.SOURCE_TIME, Av.n(before.sourceTime()));
                if (before.observedAt() != null) {
                    item.put(Attr.OBSERVED_AT, Av.n(before.observedAt()));
                }
                if (before.contentHash() != null) {
                    item.put(Attr.CONTENT_HASH, Av.s(before.contentHash()));
                }
                aws.dynamoDb().putItem(b -> b.tableName(resources.tableName()).item(item));
                boolean skipSays = Guards.newer(item, write);

                boolean conditionSays = Guards.upsert(table, key, Map.of(Attr.TITLE, Av.s("t")), write).outcome()
                        == WriteOutcome.WRITTEN;

                assertEquals(write.compareTo(before) > 0, skipSays, before + " then " + write);
                assertEquals(skipSays, conditionSays, before + " then " + write);
            }
        }
        assertTrue(pair > 100);
    }

    @Test
    void theContentHash_dependsOnTheFieldsAlone_notOnTheirOrderOrHowARemovalIsSpelt() {
        Map<String, AttributeValue> some = new HashMap<>();
        some.put(Attr.TITLE, Av.s("a"));
        some.put(Attr.LABELS, Av.list(List.of("x", "y")));
        some.put(Attr.CLOSED_AT, null);
        Map<String, AttributeValue> same = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        same.put(Attr.CLOSED_AT, Av.nul());
        same.put(Attr.LABELS, Av.list(List.of("x", "y")));
        same.put(Attr.TITLE, Av.s("a"));

        assertEquals(Version.hash(some), Version.hash(same));
        assertTrue(!Version.hash(some).equals(Version.hash(Map.of(Attr.TITLE, Av.s("a"), Attr.LABELS,
                Av.list(List.of("xy"))))));
        assertEquals(64, Version.hash(some).length());
    }
}
