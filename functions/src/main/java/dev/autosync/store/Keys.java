package dev.autosync.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key layout of the single table: every partition/sort key and GSI key autosync writes is built
 * here and nowhere else. Numbers in sort keys are zero-padded so that string order is numeric order;
 * times are UTC {@code yyyy-MM-ddTHH:mm:ssZ} so that string order is time order.
 *
 * <pre>
 * item            pk                     sk                 gsi1pk / gsi1sk                          gsi2pk / gsi2sk
 * Installation    INST#&lt;id&gt;             INST               INSTALLATIONS / INST#&lt;id20&gt;              -
 * Repository      REPO#&lt;id&gt;             REPO               INST#&lt;inst&gt;#REPOS / REPO#&lt;id20&gt;        REPOS / REPO#&lt;id20&gt;
 * Commit          REPO#&lt;id&gt;             COMMIT#&lt;sha&gt;       REPO#&lt;id&gt;#COMMITS / &lt;time&gt;#&lt;sha&gt;      REPO#&lt;id&gt;#AUTHOR#&lt;key&gt; / &lt;time&gt;#&lt;sha&gt;
 * Contributor     REPO#&lt;id&gt;             CONTRIB#&lt;key&gt;      CONTRIB#&lt;key&gt; / REPO#&lt;id20&gt;             -
 * Issue           REPO#&lt;id&gt;             ISSUE#&lt;n10&gt;        REPO#&lt;id&gt;#ISSUES#&lt;open|closed&gt; / ISSUE#&lt;n10&gt;  -
 *                 (gsi3: REPO#&lt;id&gt;#OPENED / &lt;created&gt;#ISSUE#&lt;n10&gt; while open, REPO#&lt;id&gt;#DONE / &lt;closed&gt;#ISSUE#&lt;n10&gt; once closed)
 * PullRequest     REPO#&lt;id&gt;             PULL#&lt;n10&gt;         REPO#&lt;id&gt;#PULLS#&lt;open|closed&gt; / PULL#&lt;n10&gt;    REPO#&lt;id&gt;#PULLS#merged / PULL#&lt;n10&gt; (merged only)
 *                 (gsi3, merged only: REPO#&lt;id&gt;#DONE / &lt;merged&gt;#PULL#&lt;n10&gt;)
 * SyncJob         JOB#&lt;jobId&gt;           JOB                JOBS / &lt;created&gt;#&lt;jobId&gt;                  JOBS#&lt;type&gt; / &lt;created&gt;#&lt;jobId&gt;
 * JobTotals       JOBTOTALS[#INST#&lt;id&gt;]  &lt;type&gt;#&lt;yyyy-MM-ddTHH&gt;  -                                   -
 * DeliveryHour    DELIVERYHOURS#&lt;shard&gt;  &lt;yyyy-MM-ddTHH&gt;    -                                        -
 * RateLimit       RATELIMITS             INST#&lt;id20&gt;        -                                        -
 * Job task        JOB#&lt;jobId&gt;           TASK#&lt;task&gt;        JOB#&lt;jobId&gt;#CHILDREN#&lt;parent&gt; / &lt;task&gt; (unfinished children only)  -
 * Delivery        DELIVERY#&lt;guid&gt;       DELIVERY           -                                        DELIVERIES#&lt;yyyy-MM-dd&gt;#&lt;shard&gt; / &lt;received ms&gt;#&lt;guid&gt;
 * DeliveryArchive DELIVERY#&lt;guid&gt;       ARCHIVE            -                                        -
 * GlobalStats     STATS                  GLOBAL             -                                        -
 * RepoSyncState   REPO#&lt;id&gt;             SYNC               -                                        -
 * ActivityPeriod  REPO#&lt;id&gt;             DAY#&lt;kind&gt;#&lt;yyyy-MM-dd&gt;, MONTH[TOTAL]#o#&lt;yyyy-MM&gt;  -          -
 * InstSyncState   INST#&lt;id&gt;             SYNC               -                                        -
 * SyncGlobal      SYNC                   GLOBAL             -                                        -
 * ETag            ETAG#&lt;inst&gt;            &lt;page URL&gt;         -                                        -
 * </pre>
 *
 * <p>Access paths (all Query or GetItem, never Scan):
 * <ul>
 * <li>installations: gsi1 {@code INSTALLATIONS}, ascending id.</li>
 * <li>repositories of an installation: gsi1 {@code INST#<id>#REPOS}; all repositories: gsi2 {@code REPOS}.</li>
 * <li>a repository's commits newest first: gsi1 {@code REPO#<id>#COMMITS} descending, {@code since}/{@code until}
 *     as a BETWEEN on gsi1sk; by author: gsi2 {@code REPO#<id>#AUTHOR#<key>} (same sort key); by branch: a
 *     filter {@code contains(branches, :b)} on either (a commit may sit on several branches, a set cannot be indexed).</li>
 * <li>issues by state: gsi1 {@code REPO#<id>#ISSUES#open|closed}; all: base table {@code sk begins_with ISSUE#}.</li>
 * <li>pulls: open/closed (GitHub's state; closed includes merged) on gsi1, merged on gsi2 (sparse),
 *     all on the base table {@code sk begins_with PULL#}.</li>
 * <li>contributors of a repository: base table {@code sk begins_with CONTRIB#}; repositories of a
 *     contributor: gsi1 {@code CONTRIB#<key>}.</li>
 * <li>sync jobs newest first: gsi1 {@code JOBS} descending, a 7-day window as {@code gsi1sk >= <since>}, status
 *     and installation as filters; by type: gsi2 {@code JOBS#<type>}; last periodic sync: gsi2
 *     {@code JOBS#periodic_sync}, descending, limit 1.</li>
 * <li>deliveries per hour: base table {@code DELIVERYHOURS#<shard>} for each of the {@link DeliveryHours#SHARDS}
 *     shards, {@code sk BETWEEN <first hour> AND <last hour>}, one item per hour and shard ({@link DeliveryHours}).</li>
 * <li>the installations' last observed rate limits: base table {@code RATELIMITS}, ascending installation id
 *     ({@link RateLimits}).</li>
 * <li>job statistics: base table {@code JOBTOTALS} (or {@code JOBTOTALS#INST#<id>}), {@code sk BETWEEN
 *     <type>#<first hour> AND <type>#~}, one item per hour and type ({@link JobTotals}).</li>
 * <li>a job's tasks: base table {@code JOB#<id>}, {@code sk begins_with TASK#}; the unfinished children of a
 *     task: gsi1 {@code JOB#<id>#CHILDREN#<parent>} (sparse: a task leaves it when it finishes). Task keys
 *     ({@code SyncTask.taskKey()}) may end in a branch name of up to 255 bytes, so {@link #taskId} bounds them.</li>
 * <li>a repository's periods of activity (analytics): base table {@code REPO#<id>}, {@code sk BETWEEN
 *     DAY#<kind>#<first> AND DAY#<kind>#<last>} (months likewise); a day's commits are computed from gsi1
 *     {@code REPO#<id>#COMMITS} with {@code gsi1sk BETWEEN <day>T00:00:00Z AND <day>T23:59:59Z#~}, a day's closed
 *     issues and merged pulls from gsi3 {@code REPO#<id>#DONE}, a month's open issues from gsi3
 *     {@code REPO#<id>#OPENED}; the oldest open issue: gsi3 {@code REPO#<id>#OPENED}, limit 1.</li>
 * <li>global totals: GetItem {@code STATS/GLOBAL} (kept exact by the writers).</li>
 * <li>deliveries newest first: gsi2 {@code DELIVERIES#<day>#<shard>} for each of {@link #DELIVERY_SHARDS} shards
 *     of each day, descending, merged ({@link DeliveryArchive}); what happened to one delivery: base table
 *     {@code DELIVERY#<guid>}, both its items (the ledger's record and the archived payload) in one Query.</li>
 * </ul>
 *
 * <p>Key sizes: DynamoDB refuses a partition key over {@value KeyLimits#PARTITION_KEY_BYTES} bytes and a sort
 * key (a GSI's too) over {@value KeyLimits#SORT_KEY_BYTES} bytes of UTF-8. Text from outside autosync (a
 * contributor's login, e-mail address or name; a commit SHA; a page URL) enters keys only through
 * {@link #text}, which keeps it readable when short and bounds it otherwise; task keys, which may end in a
 * branch name, go through {@link #taskId}. Every other key part is a number, a time, a fixed word or an id
 * autosync made. {@link Table} checks every key it writes, so a key built some other way fails loudly in tests
 * on dynalite (which counts characters, not bytes, and checks no GSI key) instead of only against AWS.
 *
 * <p>Tombstones: a deleted installation, repository, issue or pull request keeps its item with
 * {@code deleted_at} and a TTL ({@code expires_at}); its GSI keys are removed so it leaves every list, and
 * every write to it is conditioned on {@code attribute_not_exists(deleted_at)} so a late event cannot
 * bring it back. Point reads treat a tombstone as absent. Only an explicit re-add (a repository added to an
 * installation again, or a reinstall) lifts a repository's tombstone, and only when GitHub's time of the
 * add ({@code added_version}) is not older than that of the removal ({@code deleted_version}).
 *
 * <p>Delivery records ({@code DELIVERY#}) and {@code ap#…} marker attributes are the writers' bookkeeping;
 * readers ignore them.
 */
public final class Keys {

    private Keys() {
    }

    public static final String INSTALLATION_SK = "INST";
    public static final String REPOSITORY_SK = "REPO";
    public static final String JOB_SK = "JOB";
    public static final String DELIVERY_SK = "DELIVERY";
    public static final String DELIVERY_ARCHIVE_SK = "ARCHIVE";
    public static final String SYNC_SK = "SYNC";

    public static final String COMMIT_PREFIX = "COMMIT#";
    public static final String CONTRIBUTOR_PREFIX = "CONTRIB#";
    public static final String ISSUE_PREFIX = "ISSUE#";
    public static final String PULL_PREFIX = "PULL#";
    public static final String TASK_PREFIX = "TASK#";

    /** Task keys up to this many UTF-8 bytes are used as they are in keys; longer ones are hashed. */
    static final int TASK_ID_BYTES = 160;

    /**
     * Outside text up to this many UTF-8 bytes is used as it is in keys: more than the longest e-mail address
     * (254 bytes, RFC 5321) with its {@code email:} prefix, a login (39) or a SHA (64), so real values stay
     * readable, while the longest key holding one stays far inside the 1,024-byte sort-key limit.
     */
    static final int TEXT_BYTES = 300;
    /** How much of a longer text a key keeps in front of its hash, so the key still says what it is about. */
    static final int TEXT_PREFIX_BYTES = 64;
    /** How a shortened text ends: {@code ~} and a SHA-256 in hex. */
    private static final Pattern SHORTENED = Pattern.compile("~[0-9a-f]{64}$");

    public static final String INSTALLATIONS = "INSTALLATIONS";
    public static final String REPOSITORIES = "REPOS";
    public static final String JOBS = "JOBS";
    public static final String STATS_PK = "STATS";
    public static final String STATS_SK = "GLOBAL";

    private static final DateTimeFormatter SORTABLE_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SORTABLE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A primary key. */
    public record Key(String pk, String sk) {

        /**
         * The partition and the kind of item, never the rest of the sort key: it may be built from payload
         * text (a contributor's e-mail address), and keys are quoted in errors and logs.
         */
        @Override
        public String toString() {
            int kind = sk.indexOf('#');
            return pk + " " + (kind < 0 ? sk : sk.substring(0, kind + 1) + "…");
        }
    }

    public static Key installation(long installationId) {
        return new Key("INST#" + installationId, INSTALLATION_SK);
    }

    public static String installationSortKey(long installationId) {
        return "INST#" + pad20(installationId);
    }

    public static Key repository(long repositoryId) {
        return new Key(repositoryPartition(repositoryId), REPOSITORY_SK);
    }

    public static String repositoryPartition(long repositoryId) {
        return "REPO#" + repositoryId;
    }

    public static String repositoriesOfInstallation(long installationId) {
        return "INST#" + installationId + "#REPOS";
    }

    public static String repositorySortKey(long repositoryId) {
        return "REPO#" + pad20(repositoryId);
    }

    public static Key commit(long repositoryId, String sha) {
        return new Key(repositoryPartition(repositoryId), COMMIT_PREFIX + text(sha));
    }

    public static String commitsOfRepository(long repositoryId) {
        return repositoryPartition(repositoryId) + "#COMMITS";
    }

    public static String commitsByAuthor(long repositoryId, String contributorKey) {
        return repositoryPartition(repositoryId) + "#AUTHOR#" + text(contributorKey);
    }

    /** Sort key of a commit in the by-date indexes. */
    public static String commitTimeSortKey(Instant committedAt, String sha) {
        return sortableTime(committedAt) + "#" + text(sha);
    }

    public static Key contributor(long repositoryId, String contributorKey) {
        return new Key(repositoryPartition(repositoryId), CONTRIBUTOR_PREFIX + text(contributorKey));
    }

    public static String repositoriesOfContributor(String contributorKey) {
        return CONTRIBUTOR_PREFIX + text(contributorKey);
    }

    public static Key issue(long repositoryId, long number) {
        return new Key(repositoryPartition(repositoryId), ISSUE_PREFIX + pad10(number));
    }

    public static String issuesByState(long repositoryId, String state) {
        return repositoryPartition(repositoryId) + "#ISSUES#" + state;
    }

    public static Key pull(long repositoryId, long number) {
        return new Key(repositoryPartition(repositoryId), PULL_PREFIX + pad10(number));
    }

    public static String pullsByState(long repositoryId, String state) {
        return repositoryPartition(repositoryId) + "#PULLS#" + state;
    }

    public static String mergedPulls(long repositoryId) {
        return repositoryPartition(repositoryId) + "#PULLS#merged";
    }

    /** Sort-key prefixes of a repository's periods of activity ({@link ActivityRollups}), by kind. */
    static final String ACTIVITY_DAY_PREFIX = "DAY#";
    static final String ACTIVITY_MONTH_PREFIX = "MONTH#";
    static final String ACTIVITY_MONTH_TOTAL_PREFIX = "MONTHTOTAL#";

    /** The day of a repository's commits per author (what analytics keeps; in the repository's partition). */
    public static Key commitDay(long repositoryId, java.time.LocalDate day) {
        return new Key(repositoryPartition(repositoryId), ACTIVITY_DAY_PREFIX + AnalyticsDays.COMMITS + "#" + day);
    }

    /** The repository's bookkeeping of its activity's index (see {@link ActivityIndex}). */
    static Key activityIndex(long repositoryId) {
        return new Key(repositoryPartition(repositoryId), "INDEX#ACTIVITY");
    }

    /** gsi3 partition of a repository's closed issues and merged pull requests, by the time they were done. */
    public static String doneOfRepository(long repositoryId) {
        return repositoryPartition(repositoryId) + "#DONE";
    }

    /** gsi3 partition of a repository's open issues, by the time they were created. */
    public static String openIssuesOfRepository(long repositoryId) {
        return repositoryPartition(repositoryId) + "#OPENED";
    }

    public static Key job(String jobId) {
        return new Key("JOB#" + jobId, JOB_SK);
    }

    public static String jobsOfType(String jobType) {
        return JOBS + "#" + jobType;
    }

    public static String jobSortKey(Instant createdAt, String jobId) {
        return sortableTime(createdAt) + "#" + jobId;
    }

    /** The partition of the per-hour job totals of every job, or of one installation's ({@link JobTotals}). */
    public static String jobTotalsPartition(java.util.Optional<Long> installationId) {
        return installationId.map(id -> "JOBTOTALS#INST#" + id).orElse("JOBTOTALS");
    }

    /** The totals of the jobs of a type created in {@code at}'s hour (UTC). */
    public static Key jobTotals(java.util.Optional<Long> installationId, SyncJob.Type type, Instant at) {
        return new Key(jobTotalsPartition(installationId), type.wireName() + "#" + sortableTime(at).substring(0, 13));
    }

    /** A task of a job (see {@link JobProgress}). */
    public static Key jobTask(String jobId, String taskKey) {
        return new Key(job(jobId).pk(), TASK_PREFIX + taskId(taskKey));
    }

    /** Sort-key prefix of a job's registrations (one per batch of children counted by one op). */
    static final String REGISTRATION_PREFIX = "REG#";

    /** A registration of a job: a batch of children counted in {@code tasks_expected} by one op. */
    static Key jobRegistration(String jobId, String registrationId) {
        return new Key(job(jobId).pk(), REGISTRATION_PREFIX + registrationId);
    }

    /** The gsi1 partition of the unfinished children a task registered. */
    public static String jobChildren(String jobId, String parentTaskKey) {
        return job(jobId).pk() + "#CHILDREN#" + taskId(parentTaskKey);
    }

    /**
     * A task key as it may appear in keys: itself when short (every key but a long branch name), else
     * {@code ~} and its SHA-256 in hex. Injective: task keys start with {@code run}, {@code inst:} or
     * {@code repo:}, and a key that starts with {@code ~} is hashed too.
     */
    public static String taskId(String taskKey) {
        if (taskKey.getBytes(StandardCharsets.UTF_8).length <= TASK_ID_BYTES && !taskKey.startsWith("~")) {
            return taskKey;
        }
        return "~" + sha256(taskKey);
    }

    /**
     * Outside text as it may appear in keys: itself when at most {@value #TEXT_BYTES} UTF-8 bytes long; else
     * shortened to its first {@value #TEXT_PREFIX_BYTES} bytes (whole characters), {@code ~} and the SHA-256 of
     * the whole text in hex, at most 129 bytes. The same text always gives the same key part, and different
     * texts give different ones: a short text that ends like a shortened one ({@code ~} and 64 hex digits) is
     * shortened too, so a text kept as it is never equals a shortened one, and two shortened ones are equal
     * only if their texts' hashes are. Keys written before this rule are unchanged (no real login, address,
     * SHA or URL is that long or ends that way).
     */
    public static String text(String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length <= TEXT_BYTES && !SHORTENED.matcher(value).find()) {
            return value;
        }
        return prefix(value, TEXT_PREFIX_BYTES) + "~" + sha256(value);
    }

    /** The longest start of {@code value} of at most {@code maxBytes} UTF-8 bytes that ends between two characters. */
    private static String prefix(String value, int maxBytes) {
        CharBuffer in = CharBuffer.wrap(value);
        // The encoder stops before the first character that does not fit whole (a surrogate pair included).
        StandardCharsets.UTF_8.newEncoder().encode(in, ByteBuffer.allocate(maxBytes), true);
        return value.substring(0, in.position());
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    public static Key delivery(String deliveryId) {
        return new Key(deliveryPartition(deliveryId), DELIVERY_SK);
    }

    /** The partition of a delivery's ledger record and its archived payload. */
    public static String deliveryPartition(String deliveryId) {
        return "DELIVERY#" + deliveryId;
    }

    /** A delivery's archived payload, beside its ledger record (see {@link DeliveryArchive}). */
    public static Key deliveryArchive(String deliveryId) {
        return new Key(deliveryPartition(deliveryId), DELIVERY_ARCHIVE_SK);
    }

    /**
     * Shards of a day's delivery list: every delivery's ledger record sits in the list and is written twice
     * (claimed, settled), so at 10 million deliveries a day (peak ~415 a second) one key per day would take
     * ~830 index writes a second, near a key's 1,000; four keep each under ~210 (docs/capacity.md).
     */
    public static final int DELIVERY_SHARDS = 4;

    /** The list partition of a delivery received on {@code receivedAt}'s day (UTC), in its shard. */
    public static String deliveryListPartition(Instant receivedAt, int shard) {
        return "DELIVERIES#" + sortableTime(receivedAt).substring(0, 10) + "#" + shard;
    }

    /** The shard of a delivery: by its id, so the writes of a day spread evenly. */
    public static int deliveryShard(String deliveryId) {
        return Math.floorMod(deliveryId.hashCode(), DELIVERY_SHARDS);
    }

    /** Received time to the millisecond, then the id: newest first across shards by string order. */
    public static String deliveryListSort(Instant receivedAt, String deliveryId) {
        return sortableMillis(receivedAt) + "#" + deliveryId;
    }

    /** UTC with milliseconds, fixed width ({@code yyyy-MM-ddTHH:mm:ss.SSSZ}). */
    public static String sortableMillis(Instant instant) {
        return SORTABLE_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** The sync engine's state of one repository; in the repository's partition, so a deletion purges it. */
    public static Key repositorySync(long repositoryId) {
        return new Key(repositoryPartition(repositoryId), SYNC_SK);
    }

    /** The sync engine's state of one installation (rate-limit block, change-detection watermark). */
    public static Key installationSync(long installationId) {
        return new Key("INST#" + installationId, SYNC_SK);
    }

    /** The sync engine's global state (hook deliveries checked, last full run). */
    public static Key syncGlobal() {
        return new Key(SYNC_SK, "GLOBAL");
    }

    /** The ETag of one listing page as an installation last read it (see {@link DynamoEtagStore}). */
    public static Key etag(long installationId, String pageUrl) {
        return new Key("ETAG#" + installationId, text(pageUrl));
    }

    /** The partition of one shard of the per-hour delivery totals ({@link DeliveryHours}). */
    public static String deliveryHoursPartition(int shard) {
        return "DELIVERYHOURS#" + shard;
    }

    /** One shard's totals of the deliveries received in {@code at}'s hour (UTC). */
    public static Key deliveryHour(int shard, Instant at) {
        return new Key(deliveryHoursPartition(shard), hour(at));
    }

    /** An hour as it appears in sort keys: {@code yyyy-MM-ddTHH} (UTC), so string order is time order. */
    public static String hour(Instant at) {
        return sortableTime(at).substring(0, 13);
    }

    /** The partition holding every installation's last observed rate limit ({@link RateLimits}). */
    public static final String RATE_LIMITS = "RATELIMITS";

    /** An installation's last observed rate limit; one partition for all, so one Query lists them. */
    public static Key installationRateLimit(long installationId) {
        return new Key(RATE_LIMITS, installationSortKey(installationId));
    }

    public static Key stats() {
        return new Key(STATS_PK, STATS_SK);
    }

    /** UTC, whole seconds, fixed width: string order is time order. */
    public static String sortableTime(Instant instant) {
        return SORTABLE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static String pad20(long value) {
        return String.format(Locale.ROOT, "%020d", value);
    }

    static String pad10(long value) {
        return String.format(Locale.ROOT, "%010d", value);
    }
}
