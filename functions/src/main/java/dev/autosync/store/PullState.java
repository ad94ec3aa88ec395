package dev.autosync.store;

/** The pull list's {@code state} filter: GitHub's open/closed (closed includes merged), merged alone, or all. */
public enum PullState {
    OPEN, CLOSED, MERGED, ALL
}
