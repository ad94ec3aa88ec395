package dev.autosync.common;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The GitHub webhook events autosync knows by name: the one list of event and action names, with what
 * GitHub's payload of each event always carries. Metrics count these events by name (any other is
 * {@value Metrics#OTHER}); the processor checks every payload of a known event against its entry before
 * it writes anything, because the signature covers the body but not the {@code X-GitHub-Event} header: a
 * signed body replayed under another event's name must not be applied as that event.
 *
 * <p>For each event: its actions (none for events without an {@code action} field), the keys every payload
 * of it carries, and the top-level keys it may carry besides the {@link #ENVELOPE}. A payload with any other
 * top-level key — another event's subject, such as an {@code issue} in an {@code installation} event — is
 * not this event's. The sets follow GitHub's published webhook schemas (the {@code x-webhooks} of the pinned
 * {@code @octokit/openapi}) and its example payloads ({@code @octokit/webhooks-examples});
 * {@code WebhookEventTest} holds this class to both.
 *
 * @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads">Webhook events and payloads</a>
 */
public enum WebhookEvent {

    PING("ping", none(), none(), keys("hook", "hook_id", "zen")),
    // A full installation object (with its account) tells an installation event from any other event's
    // body: the others carry only the installation's id.
    INSTALLATION("installation",
            keys(Action.CREATED, Action.DELETED, "new_permissions_accepted", "suspend", "unsuspend"),
            keys("action", "installation", "installation.account", "sender"), keys("repositories", "requester")),
    INSTALLATION_REPOSITORIES("installation_repositories", keys(Action.ADDED, Action.REMOVED),
            keys("action", "installation", "repositories_added", "repositories_removed", "repository_selection",
                    "sender"),
            keys("repositories_added", "repositories_removed", "repository_selection", "requester")),
    INSTALLATION_TARGET("installation_target", keys("renamed"),
            keys("account", "action", "changes", "installation", "target_type"),
            keys("account", "changes", "target_type")),
    REPOSITORY("repository",
            keys("archived", Action.CREATED, Action.DELETED, "edited", "privatized", "publicized", "renamed",
                    Action.TRANSFERRED, "unarchived"),
            keys("action", "repository", "sender"), keys("changes")),
    PUSH("push", none(),
            keys("after", "base_ref", "before", "commits", "compare", "created", "deleted", "forced", "head_commit",
                    "pusher", "ref", "repository"),
            keys("after", "base_ref", "before", "commits", "compare", "created", "deleted", "forced", "head_commit",
                    "pusher", "ref")),
    ISSUES("issues",
            keys("assigned", "closed", Action.DELETED, "demilestoned", "edited", "field_added", "field_removed",
                    "labeled", "locked", "milestoned", "opened", "pinned", "reopened", Action.TRANSFERRED, "typed",
                    "unassigned", "unlabeled", "unlocked", "unpinned", "untyped"),
            keys("action", "issue", "repository", "sender"),
            keys("assignee", "changes", "issue", "issue_field", "issue_field_value", "label", "milestone", "type")),
    ISSUE_COMMENT("issue_comment", keys(Action.CREATED, Action.DELETED, "edited", "pinned", "unpinned"),
            keys("action", "comment", "issue", "repository", "sender"), keys("changes", "comment", "issue")),
    PULL_REQUEST("pull_request",
            keys("assigned", "auto_merge_disabled", "auto_merge_enabled", "closed", "converted_to_draft",
                    "demilestoned", "dequeued", "edited", "enqueued", "labeled", "locked", "milestoned", "opened",
                    "ready_for_review", "reopened", "review_request_removed", "review_requested", "stacked",
                    "synchronize", "unassigned", "unlabeled", "unlocked"),
            keys("action", "number", "pull_request", "repository"),
            keys("after", "assignee", "before", "changes", "label", "milestone", "number", "pull_request", "reason",
                    "requested_reviewer", "requested_team", "stack")),
    PULL_REQUEST_REVIEW("pull_request_review", keys("dismissed", "edited", "submitted"),
            keys("action", "pull_request", "repository", "review", "sender"), keys("changes", "pull_request", "review")),
    PULL_REQUEST_REVIEW_COMMENT("pull_request_review_comment", keys(Action.CREATED, Action.DELETED, "edited"),
            keys("action", "comment", "pull_request", "repository", "sender"),
            keys("changes", "comment", "pull_request")),
    CREATE("create", none(),
            keys("description", "master_branch", "pusher_type", "ref", "ref_type", "repository", "sender"),
            keys("description", "master_branch", "pusher_type", "ref", "ref_type")),
    DELETE("delete", none(), keys("pusher_type", "ref", "ref_type", "repository", "sender"),
            keys("pusher_type", "ref", "ref_type")),
    RELEASE("release",
            keys(Action.CREATED, Action.DELETED, "edited", "prereleased", "published", "released", "unpublished"),
            keys("action", "release", "repository"), keys("changes", "release")),
    STAR("star", keys(Action.CREATED, Action.DELETED), keys("action", "repository", "sender", "starred_at"),
            keys("starred_at")),
    FORK("fork", none(), keys("forkee", "repository", "sender"), keys("forkee")),
    MEMBER("member", keys(Action.ADDED, "edited", Action.REMOVED), keys("action", "member", "repository", "sender"),
            keys("changes", "member")),
    META("meta", keys(Action.DELETED), keys("action", "hook", "hook_id"), keys("hook", "hook_id")),
    GITHUB_APP_AUTHORIZATION("github_app_authorization", keys("revoked"), keys("action", "sender"), none()),
    CHECK_RUN("check_run", keys("completed", Action.CREATED, "requested_action", "rerequested"),
            keys("check_run", "repository", "sender"), keys("check_run", "requested_action")),
    CHECK_SUITE("check_suite", keys("completed", "requested", "rerequested"),
            keys("action", "check_suite", "repository", "sender"), keys("check_suite")),
    STATUS("status", none(),
            keys("branches", "commit", "context", "created_at", "description", "id", "name", "repository", "sender",
                    "sha", "state", "target_url", "updated_at"),
            keys("avatar_url", "branches", "commit", "context", "created_at", "description", "id", "name", "sha",
                    "state", "target_url", "updated_at")),
    WORKFLOW_RUN("workflow_run", keys("completed", "in_progress", "requested"),
            keys("action", "repository", "sender", "workflow", "workflow_run"), keys("workflow", "workflow_run")),
    WORKFLOW_JOB("workflow_job", keys("completed", "in_progress", "queued", "waiting"),
            keys("action", "repository", "sender", "workflow_job"), keys("deployment", "workflow_job"));

    /** The action names autosync's code decides on (every action an event may have is in its entry). */
    public static final class Action {
        public static final String CREATED = "created";
        public static final String DELETED = "deleted";
        public static final String TRANSFERRED = "transferred";
        public static final String ADDED = "added";
        public static final String REMOVED = "removed";

        private Action() {
        }
    }

    /** The payload field that holds the action. */
    public static final String ACTION_FIELD = "action";

    private static final Map<String, WebhookEvent> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(WebhookEvent::wireName, Function.identity()));

    /** Every known event's name. */
    public static final Set<String> NAMES = BY_NAME.keySet();

    /** The top-level keys any event's payload may carry: where, on whose behalf, through which installation. */
    public static final Set<String> ENVELOPE = Set.of("enterprise", "installation", "organization", "repository",
            "sender");

    private final String wireName;
    private final Set<String> actions;
    private final Set<String> requiredKeys;
    private final Set<String> ownKeys;

    WebhookEvent(String wireName, Set<String> actions, Set<String> requiredKeys, Set<String> ownKeys) {
        this.wireName = wireName;
        this.actions = actions;
        this.requiredKeys = requiredKeys;
        this.ownKeys = ownKeys;
    }

    /** The event as GitHub names it in {@code X-GitHub-Event}, if autosync knows it. */
    public static Optional<WebhookEvent> named(String name) {
        return Optional.ofNullable(name).map(BY_NAME::get);
    }

    public String wireName() {
        return wireName;
    }

    /** This event's actions; empty for an event whose payloads carry no {@code action}. */
    public Set<String> actions() {
        return actions;
    }

    /** Whether this event's payloads carry an {@code action} at all. */
    public boolean hasActions() {
        return !actions.isEmpty();
    }

    /** Whether {@code action} is one of this event's actions. */
    public boolean knowsAction(String action) {
        return action != null && actions.contains(action);
    }

    /**
     * The keys every payload of this event carries (a key may hold {@code null}); {@code object.key} names a
     * key of a top-level object.
     */
    public Set<String> requiredKeys() {
        return requiredKeys;
    }

    /**
     * Whether a payload of this event may carry {@code key} at its top level: the envelope, the action of an
     * event that has actions, and the keys GitHub documents for the event. Any other key is another event's.
     */
    public boolean allowsKey(String key) {
        return ENVELOPE.contains(key) || ownKeys.contains(key) || (hasActions() && ACTION_FIELD.equals(key));
    }

    @Override
    public String toString() {
        return wireName;
    }

    private static Set<String> keys(String... keys) {
        return Set.of(keys);
    }

    private static Set<String> none() {
        return Set.of();
    }
}
