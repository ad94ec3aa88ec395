package dev.autosync.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The primary ({@code core}) rate limit the sync engine last saw for each installation, and until when the
 * installation waits for a spent limit, for the api and the dashboard ("is anything throttled?").
 *
 * <p>One small item per installation, all in one partition ({@link Keys#installationRateLimit}): a page of them
 * is one Query, and an item is under 200 bytes, so a write is 1 WRU and a read of 100 installations a few RRU.
 * Not on the installation's sync state ({@code INST#<id>/SYNC}), whose listing pages make it kilobytes large
 * (every write and read is charged on the whole item), nor on the installation's item, whose index entry every
 * write would copy. Who writes: the sync engine, once per installation task (once per installation and run),
 * and once when a task finds the limit spent and makes the installation wait ({@link #blocked}) — never per
 * GitHub request. Items expire {@link #RETENTION} after their last write, so an uninstalled installation
 * leaves the list by itself.
 */
public final class RateLimits {

    /** How long an installation's entry outlives its last observation (TTL). */
    public static final Duration RETENTION = Duration.ofDays(7);

    private static final String LIMIT = "rate_limit";
    private static final String REMAINING = "rate_remaining";
    private static final String RESET_AT = "rate_reset_at";
    private static final String RESOURCE = "rate_resource";

    private final Table table;

    public RateLimits(DynamoDbClient dynamoDb, String tableName) {
        this.table = new Table(dynamoDb, tableName);
    }

    /**
     * A rate limit as a GitHub response reported it.
     *
     * @param limit      the budget of the window, or null when GitHub did not say
     * @param observedAt when the response that reported it arrived
     */
    public record Observed(Integer limit, int remaining, Instant resetAt, String resource, Instant observedAt) {
    }

    /**
     * One installation's entry.
     *
     * @param accountLogin the installation's account, when the writer knew it
     * @param blockedUntil until when the sync engine holds the installation's tasks back for a spent limit
     *                     (a past time once the wait is over)
     */
    public record InstallationRateLimit(long installationId, String accountLogin, Optional<Observed> observed,
                                        Optional<Instant> blockedUntil) {
    }

    /**
     * Records a newer observation: one UpdateItem, conditioned on the stored one being older, so a task that
     * finishes late with an older reading (another container's) never moves the figure back.
     *
     * @return false when a newer observation was already stored
     */
    public boolean observed(long installationId, String accountLogin, Observed observed) {
        Expression e = Expression.create()
                .set(Attr.INSTALLATION_ID, Av.n(installationId))
                .set(REMAINING, Av.n((long) observed.remaining()))
                .set(RESET_AT, Av.n(observed.resetAt().toEpochMilli()))
                .set(RESOURCE, Av.s(observed.resource()))
                .set(Attr.OBSERVED_AT, Av.n(observed.observedAt().toEpochMilli()))
                .set(Attr.EXPIRES_AT, Av.n(observed.observedAt().plus(RETENTION).getEpochSecond()));
        if (observed.limit() != null) {
            e.set(LIMIT, Av.n((long) observed.limit()));
        } else {
            e.remove(LIMIT);
        }
        if (accountLogin != null) {
            e.set(Attr.ACCOUNT_LOGIN, Av.s(accountLogin));
        }
        String at = e.name(Attr.OBSERVED_AT);
        e.condition("attribute_not_exists(" + at + ") OR " + at + " < " + e.value(Av.n(observed.observedAt().toEpochMilli())));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.installationRateLimit(installationId))))
                .returnValues(ReturnValue.NONE)).isPresent();
    }

    /**
     * Records that the installation waits for its limit until {@code until}; never shortens a later wait (so
     * the many tasks of one installation that find it waiting write nothing: the condition fails).
     *
     * @return true when this moved the wait later
     */
    public boolean blocked(long installationId, Instant until) {
        Expression e = Expression.create()
                .set(Attr.INSTALLATION_ID, Av.n(installationId))
                .set(Attr.BLOCKED_UNTIL, Av.n(until.toEpochMilli()))
                .set(Attr.EXPIRES_AT, Av.n(until.plus(RETENTION).getEpochSecond()));
        String blocked = e.name(Attr.BLOCKED_UNTIL);
        e.condition("attribute_not_exists(" + blocked + ") OR " + blocked + " < " + e.value(Av.n(until.toEpochMilli())));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.installationRateLimit(installationId))))
                .returnValues(ReturnValue.NONE)).isPresent();
    }

    /** A page of entries by ascending installation id: one Query. */
    public Page<InstallationRateLimit> list(PageRequest page) {
        Expression e = Expression.create();
        String keyCondition = e.name(TableSchema.PK) + " = " + e.value(Av.s(Keys.RATE_LIMITS));
        return Pager.page(table, e.applyQuery(QueryRequest.builder().keyConditionExpression(keyCondition)
                .scanIndexForward(true)), null, page, RateLimits::decode);
    }

    /** One installation's entry, if any was written. */
    public Optional<InstallationRateLimit> of(long installationId) {
        return table.get(Keys.installationRateLimit(installationId)).map(RateLimits::decode);
    }

    private static InstallationRateLimit decode(Map<String, AttributeValue> item) {
        Optional<Observed> observed = Optional.ofNullable(Av.optNum(item, Attr.OBSERVED_AT))
                .filter(at -> item.containsKey(REMAINING) && item.containsKey(RESET_AT))
                .map(at -> new Observed(Optional.ofNullable(Av.optNum(item, LIMIT)).map(Long::intValue).orElse(null),
                        (int) Av.num(item, REMAINING), Instant.ofEpochMilli(Av.num(item, RESET_AT)),
                        Optional.ofNullable(Av.str(item, RESOURCE)).orElse("core"), Instant.ofEpochMilli(at)));
        return new InstallationRateLimit(Av.num(item, Attr.INSTALLATION_ID), Av.str(item, Attr.ACCOUNT_LOGIN), observed,
                Optional.ofNullable(Av.optNum(item, Attr.BLOCKED_UNTIL)).map(Instant::ofEpochMilli));
    }
}
