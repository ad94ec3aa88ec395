package dev.autosync.github;

import java.util.regex.Pattern;

/** A repository as GitHub's REST paths name it: {@code owner/name}. */
public record RepoRef(String owner, String name) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    public RepoRef {
        if (owner == null || !SEGMENT.matcher(owner).matches() || name == null || !SEGMENT.matcher(name).matches()) {
            throw new IllegalArgumentException("a repository is owner/name of letters, digits, '.', '_' or '-'");
        }
    }

    public static RepoRef parse(String fullName) {
        int slash = fullName == null ? -1 : fullName.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a repository full name is owner/name");
        }
        return new RepoRef(fullName.substring(0, slash), fullName.substring(slash + 1));
    }

    public String fullName() {
        return owner + "/" + name;
    }

    @Override
    public String toString() {
        return fullName();
    }
}
