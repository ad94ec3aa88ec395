package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * {@code POST /_sandbox/actions}: one JSON action, answered with what it created. Every action takes
 * {@code "webhook": "deliver" | "miss" | "drop" | "duplicate" | "hold" | "delay"} (default deliver; see
 * {@link WebhookMode}; {@code delay} takes {@code "delay_ms"}, default 1000), applied to every webhook the
 * action causes. {@code repository} is always {@code owner/name}.
 * <pre>
 * install {account, account_type?: Organization|User, repositories: n}   → {installation_id, repositories: [full_name]}
 * install {account, installation_id, account_id?, repositories: [{id, full_name, created_at?}]} (created empty)
 * uninstall | suspend | unsuspend {installation_id}                      → {installation_id}
 * reinstall {installation_id}                                            → {installation_id (new), previous_installation_id, repositories}
 * create_repository {installation_id, name}                              → {id, full_name}
 * rename_repository {repository, name}                                   → {full_name}
 * delete_repository {repository}
 * transfer_repository {repository, installation_id}                      → {full_name}
 * archive_repository {repository, archived?: true}
 * set_default_branch {repository, branch}
 * add_repository | remove_repository {installation_id, repository}
 * push {repository, commits: n, branch?}                                 → {shas} (oldest first)
 * force_push {repository, drop, commits, branch?}                        → {shas}
 * open_issue {repository, title, body?, labels?: [name]}                 → {number}
 * edit_issue {repository, number, title?, body?, labels?}
 * close_issue | delete_issue {repository, number}
 * open_pull_request {repository, title, head?, base?, body?, draft?}     → {number} (no head: a new branch with one commit)
 * merge_pull_request {repository, number}
 * </pre>
 * and the actions on GitHub itself rather than on an account ({@link FaultActions}):
 * <pre>
 * release_deliveries {order?: fifo|reverse|shuffle, seed?}               → {released} (every held or delayed webhook, sent now)
 * fail_requests {count, status?: 5xx (502)}                              → {queued} (the next API requests answer it)
 * secondary_rate_limit {retry_after?}                                    → {queued} (the next API request hits one)
 * set_latency {ms}                                                       → {} (every API request waits that long)
 * clear_faults                                                           → {} (no queued failures, no latency)
 * exhaust_rate_limit {installation_id, reset_in_seconds?}                → {installation_id, reset_at}
 * reset_rate_limit {installation_id}                                     → {installation_id} (a fresh window now)
 * advance_clock {seconds}                                                → {now} (only a sandbox on a {@link ManualClock})
 * </pre>
 */
final class ControlActions {

    /** Commits given to each repository an {@code install} creates: "a few", so there is history to import. */
    static final int SEED_COMMITS = 3;

    private final GitHubSandbox sandbox;
    private final FaultActions faults;

    ControlActions(GitHubSandbox sandbox) {
        this.sandbox = sandbox;
        this.faults = new FaultActions(sandbox);
    }

    ObjectNode apply(JsonNode action) {
        WebhookMode mode = mode(action);
        java.time.Duration delay = java.time.Duration.ofMillis(action.hasNonNull("delay_ms")
                ? bounded(action, "delay_ms", 0, 600_000) : GitHubSandbox.DEFAULT_DELAY.toMillis());
        String type = text(action, "type");
        return sandbox.withWebhooks(mode, delay, () -> dispatch(type, action));
    }

    private ObjectNode dispatch(String type, JsonNode a) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        switch (type) {
            case "install" -> install(a, out);
            case "uninstall" -> sandbox.uninstall(installationId(a, out));
            case "suspend" -> sandbox.suspend(installationId(a, out));
            case "unsuspend" -> sandbox.unsuspend(installationId(a, out));
            case "reinstall" -> {
                long previous = number(a, "installation_id");
                long id = sandbox.reinstall(previous);
                out.put("installation_id", id).put("previous_installation_id", previous);
                repositories(id, out);
            }
            case "create_repository" -> {
                String fullName = sandbox.createRepo(number(a, "installation_id"), text(a, "name"));
                out.put("id", sandbox.repoId(fullName)).put("full_name", fullName);
            }
            case "rename_repository" -> out.put("full_name", sandbox.renameRepo(text(a, "repository"), text(a, "name")));
            case "delete_repository" -> sandbox.deleteRepo(text(a, "repository"));
            case "transfer_repository" -> out.put("full_name",
                    sandbox.transferRepo(text(a, "repository"), number(a, "installation_id")));
            case "archive_repository" -> sandbox.archiveRepo(text(a, "repository"), a.path("archived").asBoolean(true));
            case "set_default_branch" -> sandbox.setDefaultBranch(text(a, "repository"), text(a, "branch"));
            case "add_repository" -> sandbox.addRepoToInstallation(number(a, "installation_id"), text(a, "repository"));
            case "remove_repository" -> sandbox.removeRepoFromInstallation(number(a, "installation_id"), text(a, "repository"));
            case "push" -> {
                String[] messages = messages(a, "commits", 1); // input errors (400) before lookups (404)
                shas(out, sandbox.push(text(a, "repository"), branch(a), messages));
            }
            case "force_push" -> {
                String[] messages = messages(a, "commits", 0);
                int drop = (int) number(a, "drop");
                shas(out, sandbox.forcePush(text(a, "repository"), branch(a), drop, messages));
            }
            case "open_issue" -> out.put("number", sandbox.openIssue(text(a, "repository"), text(a, "title"),
                    optionalText(a, "body"), labels(a) == null ? List.of() : labels(a)));
            case "edit_issue" -> sandbox.editIssue(text(a, "repository"), (int) number(a, "number"),
                    optionalText(a, "title"), optionalText(a, "body"), labels(a));
            case "close_issue" -> sandbox.closeIssue(text(a, "repository"), (int) number(a, "number"));
            case "delete_issue" -> sandbox.deleteIssue(text(a, "repository"), (int) number(a, "number"));
            case "open_pull_request" -> out.put("number", openPullRequest(a));
            case "merge_pull_request" -> sandbox.mergePullRequest(text(a, "repository"), (int) number(a, "number"));
            default -> {
                if (!faults.apply(type, a, out)) {
                    throw new IllegalArgumentException("unknown action type " + type);
                }
            }
        }
        return out;
    }

    private static long installationId(JsonNode a, ObjectNode out) {
        long id = number(a, "installation_id");
        out.put("installation_id", id);
        return id;
    }

    private void install(JsonNode a, ObjectNode out) {
        String account = text(a, "account");
        String accountType = a.path("account_type").asText("Organization");
        JsonNode repositories = a.path("repositories");
        long id;
        if (repositories.isArray()) {
            List<GitHubSandbox.RepoSeed> seeds = new ArrayList<>();
            for (JsonNode r : repositories) {
                String fullName = text(r, "full_name");
                String[] parts = fullName.split("/", 2);
                if (parts.length != 2 || !parts[0].equalsIgnoreCase(account)) {
                    throw new IllegalArgumentException("repository " + fullName + " is not in account " + account);
                }
                seeds.add(new GitHubSandbox.RepoSeed(number(r, "id"), parts[1], instant(r, "created_at", sandbox.clock().instant())));
            }
            Long accountId = a.hasNonNull("account_id") ? number(a, "account_id") : null;
            long installationId = a.hasNonNull("installation_id") ? number(a, "installation_id") : 0;
            if (installationId == 0) {
                throw new IllegalArgumentException("repositories given as objects need an explicit installation_id");
            }
            id = sandbox.install(account, accountType, accountId, installationId, seeds);
        } else {
            if (a.hasNonNull("installation_id")) {
                throw new IllegalArgumentException("an explicit installation_id takes repositories as objects {id, full_name, created_at}");
            }
            int count = repositories.isMissingNode() || repositories.isNull() ? 0 : count(a, "repositories");
            id = sandbox.install(account, accountType, count, SEED_COMMITS);
        }
        out.put("installation_id", id);
        repositories(id, out);
    }

    private void repositories(long installationId, ObjectNode out) {
        ArrayNode names = out.putArray("repositories");
        synchronized (sandbox) {
            sandbox.reposOf(installationId).forEach(r -> names.add(r.fullName()));
        }
    }

    /** Without {@code head}, a new branch off the base with one commit, so the PR has something to merge. */
    private int openPullRequest(JsonNode a) {
        String repository = text(a, "repository");
        String base = optionalText(a, "base");
        if (base == null) {
            base = sandbox.defaultBranch(repository);
        }
        String head = optionalText(a, "head");
        if (head == null) {
            head = "topic-" + Long.toString(System.nanoTime(), 36);
            sandbox.createBranch(repository, head, base);
            sandbox.push(repository, head, "Work for " + text(a, "title"));
        }
        return sandbox.openPullRequest(repository, text(a, "title"), head, base, optionalText(a, "body"),
                a.path("draft").asBoolean(false));
    }

    private static WebhookMode mode(JsonNode a) {
        String mode = a.path("webhook").asText("deliver");
        try {
            return WebhookMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook must be deliver, miss, drop, duplicate, hold or delay, not " + mode);
        }
    }

    private String branch(JsonNode a) {
        String branch = optionalText(a, "branch");
        return branch != null ? branch : sandbox.defaultBranch(text(a, "repository"));
    }

    private static String[] messages(JsonNode a, String field, int minimum) {
        int count = count(a, field);
        if (count < minimum) {
            throw new IllegalArgumentException(field + " must be at least " + minimum);
        }
        return IntStream.rangeClosed(1, count).mapToObj(i -> "Commit " + i).toArray(String[]::new);
    }

    private static void shas(ObjectNode out, List<String> shas) {
        ArrayNode array = out.putArray("shas");
        shas.forEach(array::add);
    }

    private static List<String> labels(JsonNode a) {
        JsonNode labels = a.get("labels");
        if (labels == null || labels.isNull()) {
            return null;
        }
        if (!labels.isArray()) {
            throw new IllegalArgumentException("labels must be an array of names");
        }
        List<String> names = new ArrayList<>();
        labels.forEach(l -> names.add(l.isObject() ? text(l, "name") : l.asText()));
        return names;
    }

    static String text(JsonNode a, String field) {
        JsonNode value = a.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode a, String field) {
        return a.hasNonNull(field) ? text(a, field) : null;
    }

    static long number(JsonNode a, String field) {
        JsonNode value = a.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return value.asLong();
    }

    private static int count(JsonNode a, String field) {
        return (int) bounded(a, field, 0, 10_000);
    }

    /** An integer field that must lie within [min, max]. */
    static long bounded(JsonNode a, String field, long min, long max) {
        long n = number(a, field);
        if (n < min || n > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max);
        }
        return n;
    }

    private static Instant instant(JsonNode a, String field, Instant fallback) {
        if (!a.hasNonNull(field)) {
            return fallback;
        }
        JsonNode value = a.get(field);
        if (value.isIntegralNumber()) {
            return Instant.ofEpochSecond(value.asLong());
        }
        try {
            return Routes.timestamp(value.asText());
        } catch (ApiError e) {
            throw new IllegalArgumentException(field + " must be an ISO 8601 time or epoch seconds, not " + value.asText());
        }
    }
}
