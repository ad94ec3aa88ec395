package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.WebhookEvent;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** GIVEN a payload and the event its delivery names, WHEN checked, THEN only GitHub's own shapes pass. */
class PayloadShapeTest {

    @TestFactory
    Stream<DynamicTest> everyGitHubExampleOfAKnownEvent_matchesItsEvent() {
        return Stream.of(WebhookEvent.values()).flatMap(event -> Examples.ofAny(event.wireName()).stream()
                .map(example -> DynamicTest.dynamicTest(event + "." + example.path("action").asText("-"),
                        () -> assertDoesNotThrow(() -> PayloadShape.check(event, example)))));
    }

    // Protects against a replayed body: issues.deleted carries everything installation.deleted and
    // repository.deleted need (action, installation, repository, sender), so only its subject gives it away.
    @Test
    void issuesDeletedBody_doesNotMatchInstallationOrRepository() {
        JsonNode body = Examples.first("issues", "deleted");
        assertDoesNotThrow(() -> PayloadShape.check(WebhookEvent.ISSUES, body));
        for (WebhookEvent other : new WebhookEvent[] {WebhookEvent.INSTALLATION, WebhookEvent.REPOSITORY}) {
            assertEquals("the payload does not match its event " + other + ": it carries 'issue', which " + other
                    + " payloads never have", assertThrows(UnreadablePayloadException.class,
                    () -> PayloadShape.check(other, body)).getMessage());
        }
    }

    @Test
    void installationRepositoriesBody_doesNotMatchInstallation() {
        JsonNode body = Examples.first("installation_repositories", "removed");
        assertThrows(UnreadablePayloadException.class, () -> PayloadShape.check(WebhookEvent.INSTALLATION, body));
    }

    // A repository event's body carries nothing an installation event may not: only the installation object
    // (its id alone in every other event) tells them apart.
    @Test
    void repositoryDeletedBody_doesNotMatchInstallation() {
        ObjectNode body = ((ObjectNode) Examples.first("repository", "created")).put("action", "deleted");
        body.putObject("installation").put("id", 42).put("node_id", "MDIz");
        assertEquals("the payload does not match its event installation: it lacks the key 'installation.account'",
                assertThrows(UnreadablePayloadException.class,
                        () -> PayloadShape.check(WebhookEvent.INSTALLATION, body)).getMessage());
    }

    // An event autosync does not know (label) has subjects no list here names: any undocumented key refuses.
    @Test
    void anUnknownEventsBody_doesNotMatchRepository() {
        ObjectNode body = ((ObjectNode) Examples.first("repository", "created")).put("action", "deleted");
        body.putObject("label").put("name", "bug");
        assertThrows(UnreadablePayloadException.class, () -> PayloadShape.check(WebhookEvent.REPOSITORY, body));
    }

    @Test
    void aMissingRequiredKey_isNamed() {
        ObjectNode body = Examples.first("push", null).deepCopy();
        body.remove("pusher");
        assertEquals("the payload does not match its event push: it lacks the key 'pusher'",
                assertThrows(UnreadablePayloadException.class, () -> PayloadShape.check(WebhookEvent.PUSH, body))
                        .getMessage());
    }

    // Reasons are recorded and logged: they name the problem, never the payload's text.
    @Test
    void anUnknownAction_isRejectedWithoutQuotingIt() {
        ObjectNode body = Examples.first("repository", "created").deepCopy();
        body.put("action", "private-words-of-the-sender");
        String reason = assertThrows(UnreadablePayloadException.class,
                () -> PayloadShape.check(WebhookEvent.REPOSITORY, body)).getMessage();
        assertEquals("the payload does not match its event repository: it has an action that is not one of "
                + "repository's", reason);
        assertFalse(reason.contains("private-words"));
    }

    @Test
    void anActionOnAnEventWithoutActions_isRejected() {
        ObjectNode body = Examples.first("push", null).deepCopy();
        body.put("action", "deleted");
        assertThrows(UnreadablePayloadException.class, () -> PayloadShape.check(WebhookEvent.PUSH, body));
    }
}
