package dev.autosync.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the whole store, read through autosync's API with every cursor followed, with what GitHub holds
 * ({@code GET /_sandbox/state}), field by field, and lists every difference as one readable line: the
 * installations, every repository, the default branch's commits, issues and pull requests, each with the
 * fields the API serves, and the repository counters against what is listed. Commits, issues and pull
 * requests older than the lookback window ({@code since}: committed, or last updated, before it) are left out
 * on both sides, as a first import reads no further back. Reusable: it needs only the API and the state.
 */
final class ConvergenceChecker {

    private static final List<String> INSTALLATION_FIELDS = List.of("account:account_login", "account_type",
            "suspended_at", "repository_selection", "created_at");
    private static final List<String> REPOSITORY_FIELDS = List.of("name", "full_name", "owner", "private", "html_url",
            "description", "language", "default_branch", "archived", "disabled", "created_at", "updated_at", "pushed_at");
    private static final List<String> COMMIT_FIELDS = List.of("message", "author_login", "author_name",
            "committer_login", "committer_name", "committed_at", "html_url");
    private static final List<String> ISSUE_FIELDS = List.of("id:github_issue_id", "title", "body", "state",
            "state_reason", "labels", "assignees", "author", "comments", "created_at", "updated_at", "closed_at");
    private static final List<String> PULL_FIELDS = List.of("id:github_id", "title", "body", "state", "draft", "merged",
            "merged_at", "author", "head_ref", "base_ref", "created_at", "updated_at", "closed_at");

    private final LocalApi api;
    private final Instant since;
    private final List<String> differences = new ArrayList<>();

    private ConvergenceChecker(LocalApi api, Instant since) {
        this.api = api;
        this.since = since;
    }

    /** Every difference between the API and {@code state}; empty when they agree. */
    static List<String> differences(LocalApi api, JsonNode state, Instant since) throws IOException, InterruptedException {
        ConvergenceChecker checker = new ConvergenceChecker(api, since);
        checker.compare(state);
        return checker.differences;
    }

    private void compare(JsonNode state) throws IOException, InterruptedException {
        Map<Long, JsonNode> installations = byId(all("/api/installations", "installations"), "id");
        installations.values().removeIf(i -> !i.path("uninstalled_at").isNull());
        Map<Long, JsonNode> repositories = byId(all("/api/repositories", "repositories"), "github_id");
        for (JsonNode installation : state.path("installations")) {
            long id = installation.path("id").asLong();
            JsonNode stored = installations.remove(id);
            String name = "installation " + id + " (" + installation.path("account").asText() + ")";
            if (stored == null) {
                differences.add(name + ": missing from the API");
            } else {
                fields(name, installation, stored, INSTALLATION_FIELDS);
            }
            for (JsonNode repository : installation.path("repositories")) {
                compareRepository(id, repository, repositories.remove(repository.path("id").asLong()));
            }
        }
        installations.values().forEach(i -> differences.add("installation " + i.path("id").asLong() + " ("
                + i.path("account_login").asText() + "): in the API, not installed on GitHub"));
        repositories.values().forEach(r -> differences.add("repository " + r.path("full_name").asText() + " ("
                + r.path("github_id").asLong() + "): in the API, not visible to any installation on GitHub"));
    }

    private void compareRepository(long installationId, JsonNode repository, JsonNode stored)
            throws IOException, InterruptedException {
        long id = repository.path("id").asLong();
        String name = repository.path("full_name").asText() + " (" + id + ")";
        if (stored == null) {
            differences.add(name + ": missing from the API");
            return;
        }
        check(name + " installation_id", installationId, stored.path("installation_id").asLong());
        fields(name, repository, stored, REPOSITORY_FIELDS);
        String path = "/api/repositories/" + id;
        String branch = repository.path("default_branch").asText();

        Map<String, JsonNode> commits = new TreeMap<>();
        for (JsonNode commit : repository.path("branches").path(branch)) {
            if (recent(commit, "committed_at")) {
                commits.put(commit.path("sha").asText(), commit);
            }
        }
        // One listing of every commit: the default branch's are those naming it; the rest count towards commit_count.
        List<JsonNode> listedCommits = all(path + "/commits", "commits");
        for (JsonNode listed : listedCommits) {
            if (!texts(listed.path("branches")).contains(branch)) {
                continue;
            }
            String sha = listed.path("sha").asText();
            JsonNode expected = commits.remove(sha);
            if (expected == null) {
                if (recent(listed, "committed_at")) {
                    differences.add(name + " commit " + sha + ": in the API on " + branch + ", not on GitHub's " + branch);
                }
                continue;
            }
            fields(name + " commit " + sha, expected, listed, COMMIT_FIELDS);
        }
        commits.keySet().forEach(sha -> differences.add(name + " commit " + sha + ": on GitHub's " + branch + ", missing from the API"));
        check(name + " commit_count (against the commits listed)", (long) listedCommits.size(), stored.path("commit_count").asLong());

        long openIssues = compareNumbered(name + " issue", repository.path("issues"), all(path + "/issues?state=all", "issues"),
                ISSUE_FIELDS);
        check(name + " open_issues_count", openIssues, stored.path("open_issues_count").asLong());
        long openPulls = compareNumbered(name + " pull request", repository.path("pull_requests"),
                all(path + "/pulls?state=all", "pulls"), PULL_FIELDS);
        check(name + " open_pull_count", openPulls, stored.path("open_pull_count").asLong());
    }

    /** Compares issues or pull requests by number; returns how many are open on GitHub. */
    private long compareNumbered(String what, JsonNode onGitHub, List<JsonNode> inApi, List<String> fields) {
        Map<Long, JsonNode> expected = new TreeMap<>();
        long open = 0;
        for (JsonNode item : onGitHub) {
            open += "open".equals(item.path("state").asText()) ? 1 : 0;
            if (recent(item, "updated_at")) {
                expected.put(item.path("number").asLong(), item);
            }
        }
        for (JsonNode stored : inApi) {
            long number = stored.path("number").asLong();
            JsonNode item = expected.remove(number);
            if (item == null) {
                if (recent(stored, "updated_at")) {
                    differences.add(what + " #" + number + ": in the API, not on GitHub (\"" + stored.path("title").asText() + "\")");
                }
                continue;
            }
            fields(what + " #" + number, item, stored, fields);
        }
        expected.forEach((number, item) -> differences.add(what + " #" + number + ": on GitHub, missing from the API (\""
                + item.path("title").asText() + "\")"));
        return open;
    }

    /** Each field, named {@code github} or {@code github:api} when the API names it otherwise. */
    private void fields(String what, JsonNode onGitHub, JsonNode inApi, List<String> fields) {
        for (String field : fields) {
            String[] names = field.split(":");
            String apiName = names.length == 2 ? names[1] : names[0];
            check(what + " " + apiName, normal(onGitHub.get(names[0])), normal(inApi.get(apiName)));
        }
    }

    private void check(String what, Object github, Object api) {
        if (!Objects.equals(github, api)) {
            differences.add(what + ": GitHub " + github + ", API " + api);
        }
    }

    /** A comparable value: times as instants (the API and GitHub format them alike, but need not), lists sorted. */
    private static Object normal(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isArray()) {
            return texts(value);
        }
        if (value.isTextual()) {
            String text = value.asText();
            if (text.length() >= 20 && Character.isDigit(text.charAt(0)) && text.charAt(10) == 'T') {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException notATime) {
                    return text;
                }
            }
            return text;
        }
        return value.isNumber() ? (Object) value.asLong() : value.asText();
    }

    private static TreeSet<String> texts(JsonNode array) {
        TreeSet<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private boolean recent(JsonNode item, String field) {
        JsonNode at = item.get(field);
        return at == null || !at.isTextual() || !Instant.parse(at.asText()).isBefore(since);
    }

    private static Map<Long, JsonNode> byId(List<JsonNode> items, String field) {
        Map<Long, JsonNode> byId = new HashMap<>();
        items.forEach(item -> byId.put(item.path(field).asLong(), item));
        return byId;
    }

    /** Every item of a list, following {@code next_cursor} until it is null. */
    private List<JsonNode> all(String path, String field) throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        String cursor = null;
        do {
            JsonNode page = api.get(path + separator + "limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            page.path(field).forEach(items::add);
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return items;
    }
}
