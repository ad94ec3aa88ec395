package dev.autosync.store;

import static dev.autosync.store.Av.flag;
import static dev.autosync.store.Av.instant;
import static dev.autosync.store.Av.num;
import static dev.autosync.store.Av.optNum;
import static dev.autosync.store.Av.str;
import static dev.autosync.store.Av.strings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps the synced GitHub entities to and from items. Writers set keys and bookkeeping; the {@code *Fields}
 * methods return only the entity's own attributes, so an UpdateItem can SET them without touching
 * counters kept on the same item.
 */
final class ItemCodec {

    static final String TYPE_INSTALLATION = "installation";
    static final String TYPE_REPOSITORY = "repository";
    static final String TYPE_COMMIT = "commit";
    static final String TYPE_CONTRIBUTOR = "contributor";
    static final String TYPE_ISSUE = "issue";
    static final String TYPE_PULL = "pull_request";
    static final String TYPE_JOB = "sync_job";
    static final String TYPE_JOB_TASK = "sync_job_task";
    static final String TYPE_DELIVERY = "delivery";

    /*
     * DynamoDB rejects items over 400 KB, and a commit touching thousands of files (a vendored dependency
     * tree) can carry more in its file lists: cut so that one commit never fails its whole push every time.
     * Message: at most 3 bytes per char in UTF-8, so ≤ 96 KB; paths ≤ 200 KB; the rest is small.
     */
    private static final int MESSAGE_CHARS = 32_000;
    private static final int FILE_PATHS_BUDGET = 200_000;

    private ItemCodec() {
    }

    /** Never {@code uninstalled_at}: only {@link EntityStore#markUninstalled} writes it, and nothing lifts it. */
    static Map<String, AttributeValue> installationFields(Installation installation) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Attr.TYPE, Av.s(TYPE_INSTALLATION));
        item.put(Attr.ID, Av.n(installation.id()));
        item.put(Attr.ACCOUNT_LOGIN, Av.s(installation.accountLogin()));
        item.put(Attr.ACCOUNT_TYPE, Av.s(installation.accountType()));
        item.put(Attr.REPOSITORY_SELECTION, Av.s(installation.repositorySelection()));
        item.put(Attr.SUSPENDED_AT, Av.time(installation.suspendedAt()));
        item.put(Attr.CREATED_AT, Av.time(installation.createdAt()));
        item.put(Attr.UPDATED_AT, Av.time(installation.updatedAt()));
        item.put(Attr.GSI1PK, Av.s(Keys.INSTALLATIONS));
        item.put(Attr.GSI1SK, Av.s(Keys.installationSortKey(installation.id())));
        return item;
    }

    static Installation installation(Map<String, AttributeValue> item) {
        return new Installation(num(item, Attr.ID), str(item, Attr.ACCOUNT_LOGIN), str(item, Attr.ACCOUNT_TYPE),
                str(item, Attr.REPOSITORY_SELECTION), instant(item, Attr.SUSPENDED_AT),
                instant(item, Attr.UNINSTALLED_AT), instant(item, Attr.CREATED_AT), instant(item, Attr.UPDATED_AT));
    }

    /** The repository's own attributes and index keys; never its metrics. */
    static Map<String, AttributeValue> repositoryFields(Repository repository) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Attr.TYPE, Av.s(TYPE_REPOSITORY));
        item.put(Attr.GITHUB_ID, Av.n(repository.githubId()));
        item.put(Attr.NAME, Av.s(repository.name()));
        item.put(Attr.FULL_NAME, Av.s(repository.fullName()));
        item.put(Attr.OWNER, Av.s(repository.owner()));
        item.put(Attr.HTML_URL, Av.s(repository.htmlUrl()));
        item.put(Attr.PRIVATE, Av.bool(repository.isPrivate()));
        item.put(Attr.DEFAULT_BRANCH, Av.s(repository.defaultBranch()));
        item.put(Attr.LANGUAGE, Av.s(repository.language()));
        item.put(Attr.DESCRIPTION, Av.s(repository.description()));
        item.put(Attr.ARCHIVED, Av.bool(repository.archived()));
        item.put(Attr.DISABLED, Av.bool(repository.disabled()));
        item.put(Attr.CREATED_AT, Av.time(repository.createdAt()));
        item.put(Attr.UPDATED_AT, Av.time(repository.updatedAt()));
        item.put(Attr.PUSHED_AT, Av.time(repository.pushedAt()));
        item.put(Attr.AUTO_SYNC_ENABLED, Av.bool(repository.autoSyncEnabled()));
        item.put(Attr.WEBHOOK_CONFIGURED, Av.bool(repository.webhookConfigured()));
        item.put(Attr.GSI2PK, Av.s(Keys.REPOSITORIES));
        item.put(Attr.GSI2SK, Av.s(Keys.repositorySortKey(repository.githubId())));
        if (repository.installationId() != null) {
            item.put(Attr.INSTALLATION_ID, Av.n(repository.installationId()));
            item.put(Attr.GSI1PK, Av.s(Keys.repositoriesOfInstallation(repository.installationId())));
            item.put(Attr.GSI1SK, Av.s(Keys.repositorySortKey(repository.githubId())));
        }
        return item;
    }

    static Repository repository(Map<String, AttributeValue> item) {
        return new Repository(num(item, Attr.GITHUB_ID), optNum(item, Attr.INSTALLATION_ID), str(item, Attr.NAME),
                str(item, Attr.FULL_NAME), str(item, Attr.OWNER), str(item, Attr.HTML_URL), flag(item, Attr.PRIVATE),
                str(item, Attr.DEFAULT_BRANCH), str(item, Attr.LANGUAGE), str(item, Attr.DESCRIPTION),
                flag(item, Attr.ARCHIVED), flag(item, Attr.DISABLED), instant(item, Attr.CREATED_AT),
                instant(item, Attr.UPDATED_AT), instant(item, Attr.PUSHED_AT), instant(item, Attr.LAST_SYNCED_AT),
                flag(item, Attr.AUTO_SYNC_ENABLED), flag(item, Attr.WEBHOOK_CONFIGURED),
                num(item, Attr.COMMIT_COUNT), num(item, Attr.CONTRIBUTOR_COUNT),
                num(item, Attr.OPEN_ISSUES_COUNT), num(item, Attr.OPEN_PULL_COUNT));
    }

    static Map<String, AttributeValue> commitItem(Commit commit) {
        Map<String, AttributeValue> item = Av.key(Keys.commit(commit.repositoryId(), commit.sha()));
        item.put(Attr.TYPE, Av.s(TYPE_COMMIT));
        item.put(Attr.REPOSITORY_ID, Av.n(commit.repositoryId()));
        item.put(Attr.SHA, Av.s(commit.sha()));
        String message = cut(commit.message());
        item.put(Attr.MESSAGE, Av.s(message));
        item.put(Attr.AUTHOR_KEY, Av.s(commit.authorKey()));
        item.put(Attr.AUTHOR_LOGIN, Av.s(commit.authorLogin()));
        item.put(Attr.AUTHOR_NAME, Av.s(commit.authorName()));
        item.put(Attr.AUTHOR_EMAIL, Av.s(commit.authorEmail()));
        item.put(Attr.COMMITTER_LOGIN, Av.s(commit.committerLogin()));
        item.put(Attr.COMMITTER_NAME, Av.s(commit.committerName()));
        item.put(Attr.COMMITTED_AT, Av.time(commit.committedAt()));
        item.put(Attr.HTML_URL, Av.s(commit.htmlUrl()));
        if (!commit.branches().isEmpty()) {
            item.put(Attr.BRANCHES, Av.stringSet(commit.branches()));
        }
        if (commit.filesKnown()) {
            int[] budget = {FILE_PATHS_BUDGET};
            List<String> added = within(commit.added(), budget);
            List<String> removed = within(commit.removed(), budget);
            List<String> modified = within(commit.modified(), budget);
            item.put(Attr.ADDED, Av.list(added));
            item.put(Attr.REMOVED, Av.list(removed));
            item.put(Attr.MODIFIED, Av.list(modified));
            if (added.size() < size(commit.added()) || removed.size() < size(commit.removed())
                    || modified.size() < size(commit.modified())) {
                item.put(Attr.FILES_TRUNCATED, Av.bool(true));
            }
        }
        // Without file lists (a commit read by the sync engine) the attributes stay absent, so a push
        // webhook delivered later still fills them in: commit fields are written only where absent.
        if (!Objects.equals(message, commit.message())) {
            item.put(Attr.FILES_TRUNCATED, Av.bool(true));
        }
        String timeKey = Keys.commitTimeSortKey(commit.committedAt(), commit.sha());
        item.put(Attr.GSI1PK, Av.s(Keys.commitsOfRepository(commit.repositoryId())));
        item.put(Attr.GSI1SK, Av.s(timeKey));
        item.put(Attr.GSI2PK, Av.s(Keys.commitsByAuthor(commit.repositoryId(), commit.authorKey())));
        item.put(Attr.GSI2SK, Av.s(timeKey));
        return item;
    }

    /** The first paths that fit in what is left of {@code budget} (UTF-8 bytes plus list overhead). */
    private static List<String> within(List<String> paths, int[] budget) {
        List<String> kept = new ArrayList<>();
        for (String path : paths == null ? List.<String>of() : paths) {
            int cost = path.getBytes(StandardCharsets.UTF_8).length + 4;
            if (cost > budget[0]) {
                break;
            }
            budget[0] -= cost;
            kept.add(path);
        }
        return kept;
    }

    private static int size(List<String> paths) {
        return paths == null ? 0 : paths.size();
    }

    /** At most {@link #MESSAGE_CHARS} characters, never splitting a surrogate pair. */
    private static String cut(String message) {
        if (message == null || message.length() <= MESSAGE_CHARS) {
            return message;
        }
        int end = Character.isHighSurrogate(message.charAt(MESSAGE_CHARS - 1)) ? MESSAGE_CHARS - 1 : MESSAGE_CHARS;
        return message.substring(0, end);
    }

    static Commit commit(Map<String, AttributeValue> item) {
        return new Commit(num(item, Attr.REPOSITORY_ID), str(item, Attr.SHA), str(item, Attr.MESSAGE),
                str(item, Attr.AUTHOR_KEY), str(item, Attr.AUTHOR_LOGIN), str(item, Attr.AUTHOR_NAME),
                str(item, Attr.AUTHOR_EMAIL), str(item, Attr.COMMITTER_LOGIN), str(item, Attr.COMMITTER_NAME),
                instant(item, Attr.COMMITTED_AT), str(item, Attr.HTML_URL), Av.stringSetOf(item, Attr.BRANCHES),
                strings(item, Attr.ADDED), strings(item, Attr.REMOVED), strings(item, Attr.MODIFIED));
    }

    static Contributor contributor(Map<String, AttributeValue> item) {
        return new Contributor(num(item, Attr.REPOSITORY_ID), str(item, Attr.KEY), optNum(item, Attr.GITHUB_ID),
                str(item, Attr.LOGIN), str(item, Attr.NAME), str(item, Attr.AVATAR_URL),
                num(item, Attr.COMMIT_COUNT), instant(item, Attr.FIRST_COMMIT_AT), instant(item, Attr.LAST_COMMIT_AT));
    }

    static Map<String, AttributeValue> issueFields(Issue issue) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Attr.TYPE, Av.s(TYPE_ISSUE));
        item.put(Attr.REPOSITORY_ID, Av.n(issue.repositoryId()));
        item.put(Attr.GITHUB_ID, Av.n(issue.githubIssueId()));
        item.put(Attr.NUMBER, Av.n(issue.number()));
        item.put(Attr.TITLE, Av.s(issue.title()));
        item.put(Attr.BODY, Av.s(issue.body()));
        item.put(Attr.STATE, Av.s(issue.state()));
        item.put(Attr.STATE_REASON, Av.s(issue.stateReason()));
        item.put(Attr.LABELS, Av.list(issue.labels()));
        item.put(Attr.ASSIGNEES, Av.list(issue.assignees()));
        item.put(Attr.AUTHOR, Av.s(issue.author()));
        item.put(Attr.COMMENTS, Av.n(issue.comments()));
        item.put(Attr.CREATED_AT, Av.time(issue.createdAt()));
        item.put(Attr.UPDATED_AT, Av.time(issue.updatedAt()));
        item.put(Attr.CLOSED_AT, Av.time(issue.closedAt()));
        item.put(Attr.GSI1PK, Av.s(Keys.issuesByState(issue.repositoryId(), issue.open() ? "open" : "closed")));
        item.put(Attr.GSI1SK, Av.s(Keys.issue(issue.repositoryId(), issue.number()).sk()));
        item.putAll(activityKeys(issue.repositoryId(), Keys.issue(issue.repositoryId(), issue.number()).sk(),
                issue.open(), issue.createdAt(), issue.open() ? null : issue.closedAt()));
        return item;
    }

    /**
     * The gsi3 keys analytics reads an issue or pull request by ({@link Keys#openIssuesOfRepository} while an
     * issue is open, by creation; {@link Keys#doneOfRepository} once it is closed or merged, by that time) and
     * {@code done_at}. An open issue leaves {@code done_at} as it was, so reopening it still names the day it
     * was closed; a pull request is never open here (only its merge counts).
     *
     * @param open whether it is an open issue
     * @param done when it was closed or merged (null: neither)
     */
    static Map<String, AttributeValue> activityKeys(long repositoryId, String sortKey, boolean open, Instant created,
                                                    Instant done) {
        Map<String, AttributeValue> keys = new HashMap<>();
        if (open && created != null) {
            keys.put(Attr.GSI3PK, Av.s(Keys.openIssuesOfRepository(repositoryId)));
            keys.put(Attr.GSI3SK, Av.s(Keys.sortableTime(created) + "#" + sortKey));
        } else if (!open && done != null) {
            keys.put(Attr.GSI3PK, Av.s(Keys.doneOfRepository(repositoryId)));
            keys.put(Attr.GSI3SK, Av.s(Keys.sortableTime(done) + "#" + sortKey));
            keys.put(Attr.DONE_AT, Av.time(done));
        } else {
            keys.put(Attr.GSI3PK, null);
            keys.put(Attr.GSI3SK, null);
        }
        return keys;
    }

    static Issue issue(Map<String, AttributeValue> item) {
        return new Issue(num(item, Attr.REPOSITORY_ID), num(item, Attr.GITHUB_ID), num(item, Attr.NUMBER),
                str(item, Attr.TITLE), str(item, Attr.BODY), str(item, Attr.STATE), str(item, Attr.STATE_REASON),
                strings(item, Attr.LABELS), strings(item, Attr.ASSIGNEES), str(item, Attr.AUTHOR),
                (int) num(item, Attr.COMMENTS), instant(item, Attr.CREATED_AT), instant(item, Attr.UPDATED_AT),
                instant(item, Attr.CLOSED_AT));
    }

    static Map<String, AttributeValue> pullFields(PullRequest pull) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Attr.TYPE, Av.s(TYPE_PULL));
        item.put(Attr.REPOSITORY_ID, Av.n(pull.repositoryId()));
        item.put(Attr.GITHUB_ID, Av.n(pull.githubId()));
        item.put(Attr.NUMBER, Av.n(pull.number()));
        item.put(Attr.TITLE, Av.s(pull.title()));
        item.put(Attr.BODY, Av.s(pull.body()));
        item.put(Attr.STATE, Av.s(pull.state()));
        item.put(Attr.DRAFT, Av.bool(pull.draft()));
        item.put(Attr.MERGED, Av.bool(pull.merged()));
        item.put(Attr.MERGED_AT, Av.time(pull.mergedAt()));
        item.put(Attr.AUTHOR, Av.s(pull.author()));
        item.put(Attr.HEAD_REF, Av.s(pull.headRef()));
        item.put(Attr.BASE_REF, Av.s(pull.baseRef()));
        item.put(Attr.CREATED_AT, Av.time(pull.createdAt()));
        item.put(Attr.UPDATED_AT, Av.time(pull.updatedAt()));
        item.put(Attr.CLOSED_AT, Av.time(pull.closedAt()));
        String sk = Keys.pull(pull.repositoryId(), pull.number()).sk();
        item.put(Attr.GSI1PK, Av.s(Keys.pullsByState(pull.repositoryId(), pull.open() ? "open" : "closed")));
        item.put(Attr.GSI1SK, Av.s(sk));
        // GSI2 is sparse: only merged pulls carry it; an unmerged write replaces it with NULL-free removal.
        item.put(Attr.GSI2PK, pull.merged() ? Av.s(Keys.mergedPulls(pull.repositoryId())) : null);
        item.put(Attr.GSI2SK, pull.merged() ? Av.s(sk) : null);
        item.putAll(activityKeys(pull.repositoryId(), sk, false, pull.createdAt(), pull.merged() ? pull.mergedAt() : null));
        return item;
    }

    static PullRequest pull(Map<String, AttributeValue> item) {
        return new PullRequest(num(item, Attr.REPOSITORY_ID), num(item, Attr.GITHUB_ID), num(item, Attr.NUMBER),
                str(item, Attr.TITLE), str(item, Attr.BODY), str(item, Attr.STATE), flag(item, Attr.DRAFT),
                flag(item, Attr.MERGED), instant(item, Attr.MERGED_AT), str(item, Attr.AUTHOR),
                str(item, Attr.HEAD_REF), str(item, Attr.BASE_REF), instant(item, Attr.CREATED_AT),
                instant(item, Attr.UPDATED_AT), instant(item, Attr.CLOSED_AT));
    }
}
