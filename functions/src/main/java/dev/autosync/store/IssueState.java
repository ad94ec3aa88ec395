package dev.autosync.store;

/** The issue list's {@code state} filter. */
public enum IssueState {
    OPEN, CLOSED, ALL
}
