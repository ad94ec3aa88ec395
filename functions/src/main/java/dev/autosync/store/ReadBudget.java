package dev.autosync.store;

import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * How much DynamoDB work one list read may do: the single place the api's per-request bound lives.
 *
 * <p>A filter DynamoDB evaluates after reading ({@code contains(branches, :b)}, a job's status or
 * installation) can make a whole partition match nothing, and a Query's {@code Limit} counts items read,
 * not items returned; so without a bound one request could read a repository's every commit. {@link Pager}
 * spends at most {@value #MAX_ITEMS} items read (the Query's {@code ScannedCount}, every {@code Limit} is
 * cut to what is left) and stops issuing Queries once {@value #MAX_BYTES} bytes were read (DynamoDB's
 * consumed read capacity, 4 KB per unit, eventually consistent reads at half). One Query reads at most
 * 1 MB, so a request never reads more than {@code MAX_BYTES + 1 MB}. When the budget is spent before the
 * page is full, the page comes back with the items found so far — possibly none — and a position to
 * resume from, where DynamoDB stopped reading.
 *
 * <p>A request that reads many small ranges (analytics computing days) also stops after {@value #MAX_QUERIES}
 * Queries: an empty one reads no item but still costs a round trip and half a read unit.
 *
 * <p>Why these numbers: 1,000 items is ten times the largest page (100), so a filter matching one item in
 * ten still fills a page in one request; 2 MB is two full Query responses, a few hundred milliseconds of
 * Lambda time and about 250 read units — a fraction of a cent per request whatever the table holds.
 */
final class ReadBudget {

    static final int MAX_ITEMS = 1_000;
    static final long MAX_BYTES = 2L * 1024 * 1024;
    static final int MAX_QUERIES = 250;
    private static final double BYTES_PER_UNIT = 4096;

    private int items;
    private int queries;
    private double bytes;

    /** Items the next Query may read: what is left, at most {@code wanted}. */
    int limit(int wanted) {
        return Math.min(wanted, MAX_ITEMS - items);
    }

    boolean spent() {
        return items >= MAX_ITEMS || bytes >= MAX_BYTES || queries >= MAX_QUERIES;
    }

    /** Counts a Query's reads (it must have asked for ReturnConsumedCapacity TOTAL). */
    void charge(QueryResponse response, boolean consistent) {
        queries++;
        items += response.scannedCount() == null ? response.count() : response.scannedCount();
        if (response.consumedCapacity() != null && response.consumedCapacity().capacityUnits() != null) {
            bytes += response.consumedCapacity().capacityUnits() * BYTES_PER_UNIT * (consistent ? 1 : 2);
        }
    }
}
