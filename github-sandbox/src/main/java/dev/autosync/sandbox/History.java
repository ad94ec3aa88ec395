package dev.autosync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Commit-graph questions over the sandbox's linear branches: history up to a ref, and comparisons. */
final class History {

    record Comparison(Model.Commit base, Model.Commit mergeBase, List<Model.Commit> ahead, int behindBy) {
    }

    private History() {
    }

    /** The commits reachable from {@code ref} (a branch name or a full SHA), oldest first. */
    static Optional<List<Model.Commit>> upTo(Model.Repo repo, String ref) {
        if (repo.branches.containsKey(ref)) {
            return Optional.of(List.copyOf(repo.branches.get(ref)));
        }
        for (List<Model.Commit> commits : repo.branches.values()) {
            for (int i = 0; i < commits.size(); i++) {
                if (commits.get(i).sha().equals(ref)) {
                    return Optional.of(List.copyOf(commits.subList(0, i + 1)));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code GET /compare/base...head}: empty when a ref is unknown or the histories share no commit. */
    static Optional<Comparison> compare(Model.Repo repo, String base, String head) {
        Optional<List<Model.Commit>> baseHistory = upTo(repo, base).filter(h -> !h.isEmpty());
        Optional<List<Model.Commit>> headHistory = upTo(repo, head).filter(h -> !h.isEmpty());
        if (baseHistory.isEmpty() || headHistory.isEmpty()) {
            return Optional.empty();
        }
        List<Model.Commit> b = baseHistory.get();
        List<Model.Commit> h = headHistory.get();
        Model.Commit mergeBase = null;
        for (Model.Commit commit : h) {
            if (b.contains(commit)) {
                mergeBase = commit;
            }
        }
        if (mergeBase == null) {
            return Optional.empty();
        }
        List<Model.Commit> ahead = new ArrayList<>(h.stream().filter(c -> !b.contains(c)).toList());
        int behind = (int) b.stream().filter(c -> !h.contains(c)).count();
        return Optional.of(new Comparison(b.get(b.size() - 1), mergeBase, ahead, behind));
    }
}
