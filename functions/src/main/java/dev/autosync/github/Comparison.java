package dev.autosync.github;

import java.util.List;

/**
 * {@code GET /repos/{owner}/{repo}/compare/{base}...{head}}: how head relates to base and the commits
 * head has that base lacks (GitHub lists at most 250; {@code totalCommits} says how many there are).
 */
public record Comparison(String status, int aheadBy, int behindBy, int totalCommits, List<Commit> commits) {

    public Comparison {
        commits = List.copyOf(commits);
    }
}
