package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.aws.Resources;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsStandIns.class)
class SyncMarksTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:10:00Z");

    @Test
    void marks_onlyLiveRepositories_andNeverMoveBackwards(AwsFixture aws) {
        Resources resources = aws.provision();
        EntityStore entities = new EntityStore(aws.dynamoDb(), resources.tableName(), Clock.fixed(NOW, ZoneOffset.UTC));
        StoreQueries queries = new StoreQueries(aws.dynamoDb(), resources.tableName());
        SyncMarks marks = new SyncMarks(aws.dynamoDb(), resources.tableName());
        entities.upsertRepository(repository(1), NOW, NOW);
        entities.upsertRepository(repository(2), NOW, NOW);

        assertTrue(marks.markSynced(1, NOW.minusSeconds(60)));
        assertFalse(marks.markSynced(1, NOW.minusSeconds(600)), "an older result must not win");
        assertEquals(NOW.minusSeconds(60), queries.repository(1).orElseThrow().lastSyncedAt());
        // Guards against a sync result creating a phantom repository item (no attribute_exists condition).
        assertFalse(marks.markSynced(99, NOW));
        assertTrue(queries.repository(99).isEmpty());

        assertTrue(marks.markSynced(2, NOW.minusSeconds(120)));
        assertEquals(2, marks.countSyncedSince(NOW.minusSeconds(1800), NOW));
        entities.deleteRepository(2, NOW);
        assertFalse(marks.markSynced(2, NOW), "a deleted repository stays deleted");
        assertEquals(1, marks.countSyncedSince(NOW.minusSeconds(1800), NOW), "its tombstone leaves the index");
        assertEquals(0, marks.countSyncedSince(NOW.minusSeconds(30), NOW));
    }

    private static Repository repository(long id) {
        return new Repository(id, 5L, "r" + id, "org/r" + id, "org", "https://github.com/org/r" + id, false, "main",
                null, null, false, false, NOW, NOW, NOW, null, true, true, 0, 0, 0, 0);
    }
}
