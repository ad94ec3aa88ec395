package dev.autosync.store;

/**
 * Attribute names of the table's items (snake_case, as the API shows them). Bookkeeping attributes that
 * only the writers use are grouped at the end.
 */
final class Attr {

    private Attr() {
    }

    static final String TYPE = "type";
    static final String GSI1PK = TableSchema.GSI1.partitionKey();
    static final String GSI1SK = TableSchema.GSI1.sortKey();
    static final String GSI2PK = TableSchema.GSI2.partitionKey();
    static final String GSI2SK = TableSchema.GSI2.sortKey();
    static final String GSI3PK = TableSchema.GSI3.partitionKey();
    static final String GSI3SK = TableSchema.GSI3.sortKey();

    // Installation
    static final String ID = "id";
    static final String ACCOUNT_LOGIN = "account_login";
    static final String ACCOUNT_TYPE = "account_type";
    static final String REPOSITORY_SELECTION = "repository_selection";
    static final String SUSPENDED_AT = "suspended_at";
    static final String UNINSTALLED_AT = "uninstalled_at";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";

    // Repository
    static final String GITHUB_ID = "github_id";
    static final String INSTALLATION_ID = "installation_id";
    static final String NAME = "name";
    static final String FULL_NAME = "full_name";
    static final String OWNER = "owner";
    static final String HTML_URL = "html_url";
    static final String PRIVATE = "private";
    static final String DEFAULT_BRANCH = "default_branch";
    static final String LANGUAGE = "language";
    static final String DESCRIPTION = "description";
    static final String ARCHIVED = "archived";
    static final String DISABLED = "disabled";
    static final String PUSHED_AT = "pushed_at";
    static final String LAST_SYNCED_AT = "last_synced_at";
    static final String AUTO_SYNC_ENABLED = "auto_sync_enabled";
    static final String WEBHOOK_CONFIGURED = "webhook_configured";
    static final String COMMIT_COUNT = "commit_count";
    static final String CONTRIBUTOR_COUNT = "contributor_count";
    static final String OPEN_ISSUES_COUNT = "open_issues_count";
    static final String OPEN_PULL_COUNT = "open_pull_count";

    // Commit
    static final String REPOSITORY_ID = "repository_id";
    static final String SHA = "sha";
    static final String MESSAGE = "message";
    static final String AUTHOR_KEY = "author_key";
    static final String AUTHOR_LOGIN = "author_login";
    static final String AUTHOR_NAME = "author_name";
    static final String AUTHOR_EMAIL = "author_email";
    static final String COMMITTER_LOGIN = "committer_login";
    static final String COMMITTER_NAME = "committer_name";
    static final String COMMITTED_AT = "committed_at";
    static final String BRANCHES = "branches";
    static final String ADDED = "added";
    static final String REMOVED = "removed";
    static final String MODIFIED = "modified";
    /** True when the stored message or file lists were cut to fit DynamoDB's item size limit. */
    static final String FILES_TRUNCATED = "files_truncated";

    // Contributor
    static final String KEY = "contributor_key";
    static final String LOGIN = "login";
    static final String AVATAR_URL = "avatar_url";
    static final String FIRST_COMMIT_AT = "first_commit_at";
    static final String LAST_COMMIT_AT = "last_commit_at";

    // Issue and pull request
    static final String NUMBER = "number";
    static final String TITLE = "title";
    static final String BODY = "body";
    static final String STATE = "state";
    static final String STATE_REASON = "state_reason";
    static final String LABELS = "labels";
    static final String ASSIGNEES = "assignees";
    static final String AUTHOR = "author";
    static final String COMMENTS = "comments";
    static final String CLOSED_AT = "closed_at";
    static final String DRAFT = "draft";
    static final String MERGED = "merged";
    static final String MERGED_AT = "merged_at";
    static final String HEAD_REF = "head_ref";
    static final String BASE_REF = "base_ref";

    // SyncJob
    static final String JOB_ID = "job_id";
    static final String JOB_TYPE = "job_type";
    static final String STATUS = "status";
    static final String REPOSITORIES_PROCESSED = "repositories_processed";
    static final String ERRORS_COUNT = "errors_count";
    static final String DETAILS = "details";
    static final String ERROR_MESSAGE = "error_message";
    static final String STARTED_AT = "started_at";
    static final String COMPLETED_AT = "completed_at";
    /** Tasks the job expects: its roots plus every child registered (see {@code JobProgress}). */
    static final String TASKS_EXPECTED = "tasks_expected";
    static final String TASKS_DONE = "tasks_done";
    static final String COMMITS_SYNCED = "commits_synced";
    static final String ISSUES_SYNCED = "issues_synced";
    static final String PULLS_SYNCED = "pulls_synced";
    static final String REDELIVERIES = "redeliveries";
    static final String WAITS = "waits";
    static final String LAST_WAIT_UNTIL = "last_wait_until";

    // Job task (JOB#<id> / TASK#<task>)
    static final String TASK_KEY = "task_key";
    static final String PARENT_TASK = "parent_task";
    static final String REPOSITORY = "repository";
    static final String COMMITS = "commits";
    static final String ISSUES = "issues";
    static final String PULLS = "pulls";
    static final String FINISHED_AT = "finished_at";
    /** On a registering task: the registration (batch) that claims it (see {@code JobProgress}). */
    static final String REGISTRATION = "registration";
    /** On a registration item: the task ids it counts in {@code tasks_expected} (a string set). */
    static final String REGISTERED = "registered";
    /** The latest rate-limit wait of a task counted in its job (epoch millis). */
    static final String WAITED_UNTIL = "waited_until";
    /** On an operation's job (replay, redrive): how many steps it has taken; each step is a compare-and-set on it. */
    static final String STEP = "step";
    /** An operation's counts (a replay's replayed, skipped, failed; a redrive's moved, failed). */
    static final String REPLAYED = "replayed";
    static final String SKIPPED = "skipped";
    static final String FAILED_COUNT = "failed";
    static final String MOVED = "moved";

    // Delivery
    static final String DELIVERY_ID = "delivery_id";
    static final String EVENT = "event";
    static final String ACTION = "action";
    static final String ATTEMPTS = "attempts";
    static final String RECEIVED_AT = "received_at";
    static final String PROCESSED_AT = "processed_at";
    static final String LEASE_UNTIL = "lease_until";
    static final String OUTCOME = "outcome";
    static final String ERROR = "error";
    /** A settled delivery's result: processed, stale or ignored (completed), failed, rejected. */
    static final String RESULT = "result";
    static final String FIRST_ATTEMPT_AT = "first_attempt_at";
    static final String LAST_ATTEMPT_AT = "last_attempt_at";
    /** How often the delivery arrived again after it was processed (each one skipped). */
    static final String DUPLICATES = "duplicates";
    /** The latest replay of a delivery: its job, result and time. */
    static final String LAST_REPLAY_JOB = "last_replay_job";
    static final String LAST_REPLAY_RESULT = "last_replay_result";
    static final String LAST_REPLAY_AT = "last_replay_at";
    // Delivery archive
    /** The payload, gzip-compressed (binary). */
    static final String PAYLOAD = "payload";
    static final String PAYLOAD_ARCHIVED = "payload_archived";
    static final String SIZE_BYTES = "size_bytes";
    /** For a payload not archived: what re-reads what it said instead (e.g. {@code sync_repository:123}). */
    static final String COVERED_BY = "covered_by";

    // Global stats
    static final String TOTAL_INSTALLATIONS = "total_installations";
    static final String TOTAL_REPOSITORIES = "total_repositories";

    // Writers' bookkeeping
    /** Set on a tombstone: when the entity was deleted. */
    static final String DELETED_AT = "deleted_at";
    /** Set on a tombstone: epoch millis of the GitHub time of the deletion (orders it against a re-add). */
    static final String DELETED_VERSION = "deleted_version";
    /** Epoch millis of the GitHub time of the last explicit add to an installation (orders it against a removal). */
    static final String ADDED_VERSION = "added_version";
    /** DynamoDB TTL (epoch seconds). */
    static final String EXPIRES_AT = TableSchema.TTL_ATTRIBUTE;
    /** Epoch millis of the GitHub time that orders writes of a mutable entity (updated_at / pushed_at). */
    static final String SOURCE_TIME = "source_time";
    /**
     * Epoch millis of when the written data was observed: a webhook's arrival, or the {@code Date} of the GitHub
     * answer the sync engine read. Orders writes of one {@link #SOURCE_TIME} (see {@code Version}).
     */
    static final String OBSERVED_AT = "observed_at";
    /** Hex SHA-256 of the written fields: the last, content-only tie-break of {@code Version}. */
    static final String CONTENT_HASH = "content_hash";
    /** Whether the parent counter currently includes this item (see {@code Contributions}). */
    static final String COUNTED = "counted";
    /** Version of {@link #COUNTED}, so a counter change is applied once per version. */
    static final String COUNT_VERSION = "count_version";
    /** On counter items: op id → value, the counter changes already applied (retry-safe increments). */
    static final String APPLIED = "applied";
    /** On commits and contributor links: the op (delivery) that created the item. */
    static final String CREATED_BY = "created_by";
    /** On a job: how many counter changes (ops) were applied; every op is a compare-and-set on it. */
    static final String JOB_OPS = "ops";
    /** On a job: the last applied op whose task item may not have been advanced yet (at most one). */
    static final String PENDING_OP = "pending_op";
    /** Optimistic-locking version of contributor links. */
    static final String VERSION = "version";

    // Sync state (see SyncState): cursors and progress of the sync engine, never shown by the api.
    static final String SYNC_LEASE_OWNER = "sync_lease_owner";
    static final String SYNC_LEASE_UNTIL = "sync_lease_until";
    /** Prefix of one attribute per branch: the newest commit time fully synced on that branch. */
    static final String COMMIT_CURSOR_PREFIX = "cursor#";
    /** Prefix of one attribute per branch: an unfinished pass over its history ("since|until|newest" millis). */
    static final String COMMIT_PASS_PREFIX = "pass#";
    static final String ISSUE_CURSOR = "issue_cursor";
    static final String PULL_CURSOR = "pull_cursor";
    static final String PUSHED_AT_SYNCED = "pushed_at_synced";
    static final String CHUNK_OP = "chunk_op";
    static final String CHUNK_SHAS = "chunk_shas";
    static final String BRANCH = "chunk_branch";
    /** On a repository's sync state: change detection cannot vouch for it until a task completes it. */
    static final String DIRTY = "dirty";
    static final String BLOCKED_UNTIL = "blocked_until";
    static final String DETECTED_AT = "detected_at";
    /** Prefix of one attribute per page of an installation's repository listing: the ids it held. */
    static final String LISTING_PAGE_PREFIX = "listing#";
    /** Prefix of one attribute per page of an installation's repository listing: the ETag of the read it records. */
    static final String LISTING_ETAG_PREFIX = "listing_etag#";
    static final String HOOKS_CHECKED_AT = "hooks_checked_at";
    static final String FULL_RUN_AT = "full_run_at";
    static final String REDELIVERED_AT = "redelivered_at";
    /** On a job's task item: repositories an installation task checked without a task of their own. */
    static final String CHECKED = "repositories_checked";
    /** On a commit: the op removing it (it left every synced branch, e.g. after a force push). */
    static final String REMOVED_BY = "removed_by";
    /** On a contributor link: the op whose removal of commits brought its count to zero. */
    static final String EMPTIED_BY = "emptied_by";

    // A period of a repository's activity (see Rollups): computed by the api from the period's items.
    /** Entry → how many raw items of the period gave it (an author, a duration, a creation time). */
    static final String ROLLUP_ENTRIES = "entries";
    /** The sum of the entries' counts. */
    static final String ROLLUP_TOTAL = "total";
    /** The period's generation (see AnalyticsDays) the entries were computed at. */
    static final String ROLLUP_GENERATION = "generation";
    /** Epoch seconds when the computation at that generation began (its first read). */
    static final String ROLLUP_READ_AT = "read_at";
    /** Where an unfinished computation stopped: the key of the last raw item it read. */
    static final String ROLLUP_RESUME = "resume";
    /** Whether the computation began long enough after the latest bump for the index to show it. */
    static final String ROLLUP_SETTLED = "settled";
    /** On a repository's activity index item: every issue and pull request carries its gsi3 keys. */
    static final String ACTIVITY_INDEXED = "indexed";
    /**
     * On an issue: when it was last closed (kept while it is reopened, so reopening it names the day it leaves);
     * on a pull request: when it was merged.
     */
    static final String DONE_AT = "done_at";
}
