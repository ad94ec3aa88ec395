/**
 * The DynamoDB copy of GitHub: the single table's schema ({@link dev.autosync.store.TableSchema}, used by
 * the code, tests, local/ and infra/), the key layout of every item and every access path
 * ({@link dev.autosync.store.Keys}), the items autosync keeps (records), the queries the api reads them
 * with ({@link dev.autosync.store.StoreQueries}, {@link dev.autosync.store.JobStore}) and the conditional
 * writes that make the processor idempotent and order-safe. SDK exceptions are translated here
 * (a failed condition is an outcome, anything else {@link dev.autosync.store.StoreUnavailableException})
 * and never leave this package.
 *
 * <p>Write rules (single-item conditional writes only: no transactions):
 * <ul>
 * <li>Mutable entities carry a version: {@code source_time} (GitHub's {@code updated_at}, or for a repository the
 *     later of {@code updated_at} and {@code pushed_at}), then {@code observed_at} (when the data was observed,
 *     by the minute — {@link dev.autosync.store.Observations}: the minute a webhook reached us in, or for the sync
 *     engine the end of the minute its GitHub answer's {@code Date} names), then {@code content_hash} (SHA-256 of
 *     the written fields). One rule for every entity: a write lands only on an item holding a lower version
 *     (compared in that order, an absent part lowest), so the item is always the highest version written,
 *     whatever order the writes came in, and a repeat of the stored version is a no-op ({@code Version} builds
 *     both the condition and the read-first skip). GitHub's times are whole seconds and two changes in one
 *     second carry one time; nothing in a delivery says which came later, so a later observation stands in for
 *     it: deliveries a minute or more apart keep the later one, and the sync engine's read, made after both
 *     arrived, outranks every delivery of its minute and before (its cursor stands a second before the answer's
 *     {@code Date}, so it reads that second again), which repairs a pair whose arrivals were out of order, or a
 *     late redelivery of the earlier change. Writes of one time observed in one minute fall to the hash, which
 *     ranks nothing but makes the choice the same in either order. Observations count by the minute, not the
 *     millisecond, because every event carries its repository's snapshot: a finer one would make each a newer
 *     version of an unchanged repository and cost a write per delivery; by the minute, an unchanged snapshot is
 *     written at most once a minute.</li>
 * <li>Commits are inserted with {@code attribute_not_exists(pk)}; a rewrite only adds branches.</li>
 * <li>Deletions leave tombstones ({@code deleted_at} + TTL) and every write is conditioned on their absence.</li>
 * <li>A repository's presence (whether the store, and so the API, has it) is a fact of its own, ordered on one
 *     clock: GitHub's time of the add or removal ({@code added_version}, {@code deleted_version}). Adds are dated
 *     by the installation's {@code updated_at} ({@code installation.created}, {@code installation_repositories}:
 *     GitHub's only time for a selection change) or by the {@code Date} of a listing that shows the repository;
 *     removals by the installation's {@code updated_at} ({@code installation_repositories.removed}, an
 *     uninstall), by the {@code Date} of the answer that showed it gone (below), and a {@code repository.deleted}
 *     by when its delivery reached the webhook (or the repository's own last change, if later). That payload's
 *     times say when the repository last changed, not when it was deleted, and deliveries carry no event time;
 *     GitHub sends the delivery after the deletion, so its arrival is after every add of the repository's life:
 *     no add delivered late revives it, however long the repository sat idle, while a real re-add (a restored
 *     repository added or listed again) is later still and lifts it. The repository's own {@code updated_at}
 *     and {@code pushed_at} order its fields ({@code source_time}), never its presence.</li>
 * <li>Removals the sync engine finds (a repository gone from its installation's listing, an issue a full
 *     run no longer finds) carry no GitHub timestamp of their own: they are versioned with the {@code Date}
 *     header of the GitHub response that showed them gone. That time is after every change GitHub had made
 *     to the entity when it answered, so it orders after any webhook version of the entity's life before
 *     the removal (a deletion is never undone by a late webhook of that life), and before the time of a
 *     later re-add (an installation's listing showing it again, dated by that listing's {@code Date}, or an
 *     {@code installation_repositories.added} webhook), which lifts the tombstone. Clock skew between
 *     GitHub's servers is seconds; the sync engine only removes what a fresh answer showed gone.</li>
 * <li>A writer checks the entity it writes under once, before writing: an event's issue or pull request
 *     is written after its repository is read (a deleted one is skipped; the read is also the parent read of
 *     the child's counter, see {@code Contributions}), a push's repository write finds a deleted repository
 *     after the commits, and the processor trusts an installation it found alive for a minute. A deletion
 *     that lands in between is not read for again after the write: its purge runs a second time after
 *     {@link dev.autosync.store.EntityStore#SWEEP_DELAY} (longer than any writer that read the entity alive
 *     can still run) and sweeps what such writers left; a purge that finds the repository added again leaves
 *     its partition alone.</li>
 * <li>Counters are exact under duplicates, reorderings, crashes and retries. A push's commit counts are an
 *     UpdateItem conditioned on the absence of a marker naming its delivery ({@code ap#d:<delivery>}), which
 *     it sets, so a retried change is a no-op (see {@link dev.autosync.store.CommitStore}). An open/closed or
 *     live/deleted flip of a child is a compare-and-set on one of a fixed number of lanes of the parent
 *     ({@code ap#l<i>}), whose flag version on the child says whether it was applied, so hot parents (the
 *     global totals, a busy repository) stay the same size whatever the burst; see {@code Contributions}.</li>
 * <li>Analytics figures ({@link dev.autosync.store.ActivityRollups}: commits per author and day, closes and
 *     merges per day, open issues per creation month) are computed by the api from the period's items and
 *     stored with the period's generation; writers only bump generations, folded into writes they make anyway
 *     ({@code AnalyticsDays}), so no figure is ever incremented and a duplicate cannot count twice.</li>
 * <li>Job counters ({@code tasks_expected}, {@code tasks_done}, totals) are exact the same way but without
 *     markers that accumulate: each change is recorded on its task item first, then applied to the job by a
 *     compare-and-set on the job's op count that leaves one {@code pending_op} slot until the task item shows
 *     it; see {@link dev.autosync.store.JobProgress}.</li>
 * </ul>
 */
package dev.autosync.store;
