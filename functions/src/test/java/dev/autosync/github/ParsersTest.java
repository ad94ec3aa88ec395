package dev.autosync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import dev.autosync.github.internal.Parsers;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * GitHub's documented REST shapes to records: every field the webhook path stores, with the same
 * meaning, and the null or absent forms GitHub really sends read as empty, never as an exception.
 */
class ParsersTest {

    private static ObjectNode example(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void repository_carriesEveryFieldTheWebhookPathStores() {
        Repository repository = Parsers.repository(example(RestExamples.REPOSITORY));

        assertEquals(1296269, repository.id());
        assertEquals("MDEwOlJlcG9zaXRvcnkxMjk2MjY5", repository.nodeId());
        assertEquals(new RepoRef("octocat", "Hello-World"), repository.ref());
        assertEquals(1, repository.ownerId());
        assertEquals("https://github.com/octocat/Hello-World", repository.htmlUrl());
        assertEquals(Optional.of("This your first repo!"), repository.description());
        assertEquals(Optional.of("Java"), repository.language());
        assertFalse(repository.privateRepo());
        assertFalse(repository.archived());
        assertFalse(repository.disabled());
        assertEquals("master", repository.defaultBranch());
        assertEquals(Instant.parse("2011-01-26T19:01:12Z"), repository.createdAt());
        assertEquals(Instant.parse("2011-01-26T19:14:43Z"), repository.updatedAt());
        assertEquals(Optional.of(Instant.parse("2011-01-26T19:06:43Z")), repository.pushedAt());
    }

    @Test
    void repository_withNullDescriptionAndLanguage_andNoPush_hasThemEmpty() {
        ObjectNode node = example(RestExamples.REPOSITORY);
        node.putNull("description").putNull("language").putNull("pushed_at");
        node.put("disabled", true).put("archived", true).put("private", true);

        Repository repository = Parsers.repository(node);

        assertEquals(Optional.empty(), repository.description());
        assertEquals(Optional.empty(), repository.language());
        assertEquals(Optional.empty(), repository.pushedAt());
        assertTrue(repository.disabled() && repository.archived() && repository.privateRepo());
    }

    @Test
    void repository_missingOptionalFields_areEmptyOrFalse() {
        ObjectNode node = example(RestExamples.REPOSITORY);
        node.remove(List.of("description", "language", "pushed_at", "disabled", "archived", "private"));

        Repository repository = Parsers.repository(node);

        assertEquals(Optional.empty(), repository.description());
        assertEquals(Optional.empty(), repository.language());
        assertEquals(Optional.empty(), repository.pushedAt());
        assertFalse(repository.disabled() || repository.archived() || repository.privateRepo());
    }

    @Test
    void repository_missingCreatedAt_isAClearError() {
        ObjectNode node = example(RestExamples.REPOSITORY);
        node.remove("created_at");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parsers.repository(node));
        assertTrue(e.getMessage().contains("created_at"), e.getMessage());
    }

    @Test
    void issue_carriesBodyStateReasonLabelNamesAssigneeLoginsAndComments() {
        Issue issue = Parsers.issue(example(RestExamples.ISSUE));

        assertEquals(1, issue.id());
        assertEquals(1347, issue.number());
        assertEquals("Found a bug", issue.title());
        assertEquals("closed", issue.state());
        assertEquals("octocat", issue.authorLogin());
        assertEquals(Optional.of("I'm having a problem with this."), issue.body());
        assertEquals(Optional.of("not_planned"), issue.stateReason());
        assertEquals(List.of("bug"), issue.labels());
        assertEquals(List.of("octocat", "hubot"), issue.assignees());
        assertEquals(3, issue.comments());
        assertEquals(Instant.parse("2011-04-22T13:33:48Z"), issue.createdAt());
        assertEquals(Instant.parse("2011-04-22T13:33:48Z"), issue.updatedAt());
        assertEquals(Optional.of(Instant.parse("2011-04-23T10:00:00Z")), issue.closedAt());
    }

    @Test
    void issue_withNullsAndMissingFields_readsThemAsEmpty() {
        ObjectNode node = example(RestExamples.ISSUE);
        node.putNull("body").putNull("state_reason").putNull("user").putNull("closed_at");
        node.remove(List.of("labels", "assignees", "comments"));

        Issue issue = Parsers.issue(node);

        assertEquals(Optional.empty(), issue.body());
        assertEquals(Optional.empty(), issue.stateReason());
        assertNull(issue.authorLogin(), "a deleted author is null, as in the webhook path");
        assertEquals(List.of(), issue.labels());
        assertEquals(List.of(), issue.assignees());
        assertEquals(0, issue.comments());
        assertEquals(Optional.empty(), issue.closedAt());
    }

    /** REST shows a deleted account as GitHub's placeholder user; stored as it were "ghost", it would count as a contributor. */
    @Test
    void issueByADeletedAccount_shownAsGhost_hasNoAuthorLogin() {
        ObjectNode node = example(RestExamples.ISSUE);
        ((ObjectNode) node.get("user")).put("login", "ghost").put("id", 10137);

        assertNull(Parsers.issue(node).authorLogin());
    }

    @Test
    void issue_labelsGivenAsBareNames_areRead() {
        ObjectNode node = example(RestExamples.ISSUE);
        node.putArray("labels").add("bug").add("help wanted");

        assertEquals(List.of("bug", "help wanted"), Parsers.issue(node).labels());
    }

    @Test
    void issue_missingUpdatedAt_isAClearError() {
        ObjectNode node = example(RestExamples.ISSUE);
        node.remove("updated_at");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parsers.issue(node));
        assertTrue(e.getMessage().contains("updated_at"), e.getMessage());
    }

    @Test
    void issue_withoutState_derivesItFromClosedAt_asTheWebhookPathDoes() {
        ObjectNode node = example(RestExamples.ISSUE);
        node.remove("state");

        assertEquals("closed", Parsers.issue(node).state());
        node.putNull("closed_at");
        assertEquals("open", Parsers.issue(node).state());
    }

    @Test
    void pullRequest_carriesBodyAndDraft() {
        PullRequest pull = Parsers.pullRequest(example(RestExamples.PULL));

        assertEquals(1347, pull.number());
        assertEquals("octocat", pull.authorLogin());
        assertEquals(Optional.of("Please pull these awesome changes in!"), pull.body());
        assertTrue(pull.draft());
        assertEquals("new-topic", pull.headRef());
        assertEquals("6dcb09b5b57875f334f61aebed695e2e4193db5e", pull.headSha());
        assertEquals("master", pull.baseRef());
    }

    @Test
    void pullRequest_withNullBodyAndUser_andNoDraftField_readsEmpty() {
        ObjectNode node = example(RestExamples.PULL);
        node.putNull("body").putNull("user").putNull("merged_at");
        node.remove("draft");

        PullRequest pull = Parsers.pullRequest(node);

        assertEquals(Optional.empty(), pull.body());
        assertNull(pull.authorLogin());
        assertFalse(pull.draft());
        assertFalse(pull.merged());
    }

    @Test
    void commit_carriesCommitterNameLoginAndHtmlUrl() {
        Commit commit = Parsers.commit(example(RestExamples.COMMIT));

        assertEquals("6dcb09b5b57875f334f61aebed695e2e4193db5e", commit.sha());
        assertEquals("Fix all the bugs", commit.message());
        assertEquals("Monalisa Octocat", commit.authorName());
        assertEquals("support@github.com", commit.authorEmail());
        assertEquals(Optional.of("octocat"), commit.authorLogin());
        assertEquals(Optional.of("The Committer"), commit.committerName());
        assertEquals(Optional.of("hubot"), commit.committerLogin());
        assertEquals("https://github.com/octocat/Hello-World/commit/6dcb09b5b57875f334f61aebed695e2e4193db5e", commit.htmlUrl());
        assertEquals(Instant.parse("2011-04-14T16:00:49Z"), commit.authoredAt());
        assertEquals(Instant.parse("2011-04-15T09:00:00Z"), commit.committedAt());
    }

    @Test
    void commit_byEmailsGitHubCannotMatch_hasNoLogins() {
        // GitHub sends "author": null and "committer": null when no account has the commit's e-mails.
        ObjectNode node = example(RestExamples.COMMIT);
        node.putNull("author").putNull("committer");
        ((ObjectNode) node.get("commit").get("committer")).remove("name");

        Commit commit = Parsers.commit(node);

        assertEquals(Optional.empty(), commit.authorLogin());
        assertEquals(Optional.empty(), commit.committerLogin());
        assertEquals(Optional.empty(), commit.committerName());
    }

    @Test
    void commit_missingCommitterDate_isAClearError() {
        ObjectNode node = example(RestExamples.COMMIT);
        ((ObjectNode) node.get("commit").get("committer")).remove("date");

        assertThrows(IllegalArgumentException.class, () -> Parsers.commit(node));
    }

    @Test
    void searchHit_namesItsRepositoryFromRepositoryUrl_andSaysIfItIsAPullRequest() {
        ObjectNode page = example(RestExamples.SEARCH_ISSUES);

        IssueActivity pull = Parsers.issueActivity(page.get("items").get(0));
        IssueActivity issue = Parsers.issueActivity(page.get("items").get(1));

        assertEquals(new IssueActivity(new RepoRef("batterseapower", "pinyin-toolkit"), 132, true,
                Instant.parse("2009-07-19T09:23:43Z")), pull);
        assertEquals(new IssueActivity(new RepoRef("octocat", "Hello-World"), 7, false,
                Instant.parse("2009-07-18T08:00:00Z")), issue);
    }

    @Test
    void searchHit_onAnEnterpriseServerApiPath_isReadToo() {
        ObjectNode hit = (ObjectNode) example(RestExamples.SEARCH_ISSUES).get("items").get(1);
        hit.put("repository_url", "https://ghe.example.com/api/v3/repos/acme/widgets");
        hit.putNull("pull_request");

        IssueActivity activity = Parsers.issueActivity(hit);

        assertEquals(new RepoRef("acme", "widgets"), activity.repository());
        assertFalse(activity.pullRequest());
    }

    @Test
    void searchHit_withoutRepositoryUrlOrUpdatedAt_isAClearError() {
        ObjectNode noUrl = (ObjectNode) example(RestExamples.SEARCH_ISSUES).get("items").get(0);
        noUrl.remove("repository_url");
        ObjectNode noTime = (ObjectNode) example(RestExamples.SEARCH_ISSUES).get("items").get(0);
        noTime.remove("updated_at");

        assertThrows(IllegalArgumentException.class, () -> Parsers.issueActivity(noUrl));
        assertThrows(IllegalArgumentException.class, () -> Parsers.issueActivity(noTime));
    }

    @Test
    void recordsPrintNoTitleOrBody() {
        Issue issue = Parsers.issue(example(RestExamples.ISSUE));
        PullRequest pull = Parsers.pullRequest(example(RestExamples.PULL));

        assertFalse(issue.toString().contains("problem") || issue.toString().contains("Found a bug"), issue.toString());
        assertFalse(pull.toString().contains("awesome"), pull.toString());
    }
}
