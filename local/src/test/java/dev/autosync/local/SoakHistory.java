package dev.autosync.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded random history made on the GitHub sandbox through its control API: pushes of many commits, force
 * pushes, issues and pull requests opened, edited, closed, merged and deleted, repositories created, renamed,
 * archived, transferred, deleted, removed from and added back to their installation; each action's webhooks
 * delivered, duplicated, held (released later in reverse or shuffled order), delayed, missed (GitHub lists
 * them as failed: redelivery repairs them) or dropped (only reconciliation repairs them). What it did is
 * counted in {@link #counts()}.
 */
final class SoakHistory {

    /** How each action's webhooks are handled, with their weights. */
    private static final Map<String, Integer> MODES = new LinkedHashMap<>(Map.of(
            "deliver", 52, "duplicate", 10, "hold", 10, "delay", 8, "miss", 11, "drop", 9));

    private final SandboxControl github;
    private final Random random;
    private final Map<String, Integer> counts = new TreeMap<>();
    /** The repositories taken out of their installation (repository → installation), to add back later. */
    private final Map<String, Long> removed = new LinkedHashMap<>();
    private final List<Long> installations = new ArrayList<>();
    private final List<String> suspended = new ArrayList<>();
    private JsonNode state;
    private int serial;

    SoakHistory(SandboxControl github, long seed) {
        this.github = github;
        this.random = new Random(seed);
    }

    Map<String, Integer> counts() {
        return counts;
    }

    List<Long> installations() {
        return installations;
    }

    /** Installs the App on {@code accounts} accounts of {@code repositories} repositories each (their webhooks delivered). */
    void install(int accounts, int repositories) {
        for (int i = 0; i < accounts; i++) {
            installations.add(github.act(Map.of("type", "install", "account", "soak-" + i,
                    "account_type", i == accounts - 1 ? "User" : "Organization", "repositories", repositories))
                    .get("installation_id").asLong());
            count("installations");
        }
        refresh();
    }

    /** {@code steps} random actions on the installations' repositories. */
    void steps(int steps) {
        for (int i = 0; i < steps; i++) {
            if (i % 40 == 0) {
                refresh();
            }
            step();
        }
        refresh();
    }

    /** Uninstalls and installs again the App on one account (a new installation id). */
    void reinstall() {
        long previous = installations.remove(random.nextInt(installations.size()));
        installations.add(github.act(withMode(Map.of("type", "reinstall", "installation_id", previous)))
                .get("installation_id").asLong());
        removed.clear(); // a new installation sees every repository of its account again
        count("reinstalls");
        refresh();
    }

    /** Suspends one installation, makes changes on the others meanwhile (GitHub sends it nothing), unsuspends it. */
    void suspendWhile(Runnable meanwhile) {
        long installation = installations.get(random.nextInt(installations.size()));
        github.act(withMode(Map.of("type", "suspend", "installation_id", installation)));
        suspended.add(Long.toString(installation));
        count("suspensions");
        meanwhile.run();
        suspended.clear();
        github.act(withMode(Map.of("type", "unsuspend", "installation_id", installation)));
        refresh();
    }

    /** Sends every held webhook now, in reverse or shuffled order. */
    int release() {
        return github.act(Map.of("type", "release_deliveries", "order", random.nextBoolean() ? "reverse" : "shuffle",
                "seed", random.nextLong())).get("released").asInt();
    }

    private void step() {
        int roll = random.nextInt(1000);
        Optional<JsonNode> repository = anyRepository();
        if (repository.isEmpty()) {
            return;
        }
        JsonNode repo = repository.get();
        String name = repo.path("full_name").asText();
        if (roll < 300) {
            act("pushes", Map.of("type", "push", "repository", name, "commits", 1 + random.nextInt(30)));
        } else if (roll < 450) {
            act("issues opened", Map.of("type", "open_issue", "repository", name, "title", "Issue " + (++serial),
                    "body", "Found in step " + serial, "labels", random.nextBoolean() ? List.of("bug") : List.of()));
        } else if (roll < 500) {
            number(repo, "issues", null).ifPresent(n -> act("issues edited", Map.of("type", "edit_issue",
                    "repository", name, "number", n, "title", "Retitled " + (++serial), "labels", List.of("triaged"))));
        } else if (roll < 580) {
            number(repo, "issues", "open").ifPresent(n -> act("issues closed", Map.of("type", "close_issue",
                    "repository", name, "number", n)));
        } else if (roll < 595) {
            number(repo, "issues", null).ifPresent(n -> act("issues deleted", Map.of("type", "delete_issue",
                    "repository", name, "number", n)));
        } else if (roll < 700) {
            act("pull requests opened", Map.of("type", "open_pull_request", "repository", name, "title", "Change " + (++serial)));
        } else if (roll < 760) {
            number(repo, "pull_requests", "open").ifPresent(n -> act("pull requests merged", Map.of("type",
                    "merge_pull_request", "repository", name, "number", n)));
        } else if (roll < 780) {
            number(repo, "pull_requests", "open").ifPresent(n -> act("pull requests closed", Map.of("type", "close_issue",
                    "repository", name, "number", n)));
        } else if (roll < 800) {
            act("force pushes", Map.of("type", "force_push", "repository", name, "drop", 1 + random.nextInt(2),
                    "commits", 1 + random.nextInt(3)));
        } else if (roll < 830) {
            act("repositories created", Map.of("type", "create_repository", "installation_id", installationOf(repo),
                    "name", "new-" + (++serial)));
        } else if (roll < 850) {
            act("repositories renamed", Map.of("type", "rename_repository", "repository", name, "name", "renamed-" + (++serial)));
        } else if (roll < 865) {
            act("repositories archived or unarchived", Map.of("type", "archive_repository", "repository", name,
                    "archived", !repo.path("archived").asBoolean()));
        } else if (roll < 880) {
            long to = installations.get(random.nextInt(installations.size()));
            if (to != installationOf(repo) && !suspended.contains(Long.toString(to))) {
                act("repositories transferred", Map.of("type", "transfer_repository", "repository", name, "installation_id", to));
            }
        } else if (roll < 890) {
            act("repositories deleted", Map.of("type", "delete_repository", "repository", name));
        } else if (roll < 905) {
            long installation = installationOf(repo);
            if (act("repositories removed from their installation", Map.of("type", "remove_repository",
                    "installation_id", installation, "repository", name))) {
                removed.put(name, installation);
            }
        } else if (roll < 920 && !removed.isEmpty()) {
            String back = removed.keySet().iterator().next();
            long installation = removed.remove(back);
            act("repositories added back", Map.of("type", "add_repository", "installation_id", installation, "repository", back));
        } else {
            act("pushes", Map.of("type", "push", "repository", name, "commits", 1 + random.nextInt(10)));
        }
        if (random.nextInt(60) == 0) {
            count("held webhooks released", release());
        }
    }

    /** Runs the action with a random webhook mode; false when the sandbox refused it (it may no longer apply). */
    private boolean act(String what, Map<String, Object> action) {
        Map<String, Object> withMode = withMode(action);
        Optional<JsonNode> answer = github.attempt(withMode);
        if (answer.isEmpty()) {
            count("refused");
            return false;
        }
        count(what);
        count("webhooks " + withMode.get("webhook"));
        if (what.startsWith("repositories")) {
            refresh(); // names and installations moved; issue numbers may stay stale a few steps (refused if so)
        }
        return true;
    }

    private Map<String, Object> withMode(Map<String, Object> action) {
        Map<String, Object> copy = new LinkedHashMap<>(action);
        int roll = random.nextInt(MODES.values().stream().mapToInt(Integer::intValue).sum());
        for (Map.Entry<String, Integer> mode : MODES.entrySet()) {
            roll -= mode.getValue();
            if (roll < 0) {
                copy.put("webhook", mode.getKey());
                if ("delay".equals(mode.getKey())) {
                    copy.put("delay_ms", 50 + random.nextInt(2000));
                }
                break;
            }
        }
        return copy;
    }

    private Optional<JsonNode> anyRepository() {
        if (state == null) {
            refresh();
        }
        List<JsonNode> repositories = new ArrayList<>();
        for (JsonNode installation : state.path("installations")) {
            if (!installation.path("suspended").asBoolean()) {
                installation.path("repositories").forEach(repositories::add);
            }
        }
        return repositories.isEmpty() ? Optional.empty() : Optional.of(repositories.get(random.nextInt(repositories.size())));
    }

    /** A random issue or pull request number of the repository, of that state (null: any). */
    private Optional<Integer> number(JsonNode repo, String list, String wantedState) {
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode item : repo.path(list)) {
            if (wantedState == null || wantedState.equals(item.path("state").asText())) {
                numbers.add(item.path("number").asInt());
            }
        }
        return numbers.isEmpty() ? Optional.empty() : Optional.of(numbers.get(random.nextInt(numbers.size())));
    }

    private long installationOf(JsonNode repo) {
        for (JsonNode installation : state.path("installations")) {
            for (JsonNode candidate : installation.path("repositories")) {
                if (candidate.path("id").asLong() == repo.path("id").asLong()) {
                    return installation.path("id").asLong();
                }
            }
        }
        throw new IllegalStateException("no installation holds " + repo.path("full_name").asText());
    }

    private void refresh() {
        state = github.state();
    }

    private void count(String what) {
        count(what, 1);
    }

    private void count(String what, int n) {
        counts.merge(what, n, Integer::sum);
    }
}
