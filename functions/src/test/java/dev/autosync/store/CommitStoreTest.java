package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.aws.Resources;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsStandIns.class)
class CommitStoreTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

    // Protects against a poison push: one commit touching thousands of files (a vendored dependency tree)
    // would exceed DynamoDB's 400 KB item limit, fail on every attempt and take the whole push to the DLQ.
    @Test
    void commitTouchingThousandsOfFiles_isStoredWithItsFileListsCut_andCounted(AwsFixture aws) {
        Resources resources = aws.provision();
        CommitStore commits = new CommitStore(aws.dynamoDb(), resources.tableName(), Clock.systemUTC());
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            paths.add("vendor/node_modules/some-package/lib/deeply/nested/directory/structure/file-" + i + ".js");
        }
        String message = "x".repeat(500_000);
        Commit huge = new Commit(5, "big1", message, "alice", "alice", "Alice", "alice@x.org", "alice", "Alice", T,
                null, Set.of("main"), paths, paths, paths);

        commits.recordPush(StoreQueriesTest.repository(5), T, T, List.of(huge), "op-big");

        StoreQueries queries = new StoreQueries(aws.dynamoDb(), resources.tableName());
        Commit stored = queries.commits(5, CommitFilter.none(), PageRequest.first(1)).items().get(0);
        assertEquals("big1", stored.sha());
        assertTrue(stored.added().size() > 100 && stored.added().size() < paths.size(), "cut, not dropped");
        assertEquals(paths.subList(0, stored.added().size()), stored.added(), "the first paths, in order");
        assertTrue(stored.message().length() < message.length() && stored.message().length() >= 10_000);
        assertEquals(1, queries.repository(5).orElseThrow().commitCount());
        assertTrue(commits.raw(Keys.commit(5, "big1")).orElseThrow().get("files_truncated").bool());
    }
}
