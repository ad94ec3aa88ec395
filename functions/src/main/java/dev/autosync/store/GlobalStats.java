package dev.autosync.store;

/** Totals the health check reads with one GetItem; kept exact by the writers. */
public record GlobalStats(long totalInstallations, long totalRepositories) {
}
