package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiConfigTest {

    private static final Map<String, String> RESOURCES = Map.of("TABLE_NAME", "autosync",
            "EVENTS_QUEUE_URL", "http://localhost/q/events", "SYNC_TASKS_QUEUE_URL", "http://localhost/q/sync",
            "AWS_ENDPOINT_URL", "http://localhost:1");

    @Test
    void everyProblem_isReportedAtOnce() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ApiConfig.from(new Env(Map.of("AUTOSYNC_CURSOR_KEY", "short"))));

        String message = e.getMessage();
        for (String name : new String[] {"TABLE_NAME", "EVENTS_QUEUE_URL", "AUTOSYNC_API_TOKENS", "AUTOSYNC_CURSOR_KEY"}) {
            assertTrue(message.contains(name), message);
        }
    }

    @Test
    void inlineTokens_andCursorKey_areRead() {
        Map<String, String> vars = new java.util.HashMap<>(RESOURCES);
        vars.put("AUTOSYNC_API_TOKENS", " first-token-0123456789 , second-token-0123456789 ");
        vars.put("AUTOSYNC_CURSOR_KEY", "k".repeat(32));

        ApiConfig config = ApiConfig.from(new Env(vars));

        BearerAuthenticator tokens = config.credentials().authenticator();
        assertTrue(tokens.accepts(Optional.of("Bearer first-token-0123456789")));
        assertTrue(tokens.accepts(Optional.of("Bearer second-token-0123456789")));
        String cursor = config.credentials().cursors().issue("l", Map.of(), com.fasterxml.jackson.databind.node.NullNode.getInstance());
        new CursorCodec("k".repeat(32).getBytes(StandardCharsets.UTF_8)).open(cursor, "l", Map.of());
        assertTrue(!config.toString().contains("first-token"), config.toString());
    }

    @Test
    void shortTokens_areRefused() {
        Map<String, String> vars = new java.util.HashMap<>(RESOURCES);
        vars.put("AUTOSYNC_API_TOKENS", "letmein");

        assertThrows(ConfigurationException.class, () -> ApiConfig.from(new Env(vars)));
    }

    @Test
    void malformedInlineTokens_areReportedWithEveryOtherProblem_namingTheVariable_neverQuotingThem() {
        for (String tokens : List.of("letmein", " , ", "{not json")) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> ApiConfig.from(new Env(Map.of("AUTOSYNC_API_TOKENS", tokens))));

            assertTrue(e.getMessage().contains("AUTOSYNC_API_TOKENS") && e.getMessage().contains("TABLE_NAME"), e.getMessage());
            if (!tokens.isBlank()) {
                assertFalse(e.getMessage().contains(tokens.trim()), "never quoted: " + e.getMessage());
            }
        }
    }

    @Test
    void withoutAConfiguredKey_theCursorKeyIsDerivedFromTheTokenSet_inAnyOrder() {
        Map<String, String> vars = new java.util.HashMap<>(RESOURCES);
        vars.put("AUTOSYNC_API_TOKENS", "first-token-0123456789,second-token-0123456789");
        ApiConfig one = ApiConfig.from(new Env(vars));
        vars.put("AUTOSYNC_API_TOKENS", "second-token-0123456789, first-token-0123456789");
        ApiConfig another = ApiConfig.from(new Env(vars));

        String cursor = one.credentials().cursors().issue("l", Map.of(), TextNode.valueOf("p"));
        assertEquals("p", another.credentials().cursors().open(cursor, "l", Map.of()).asText());
    }

    @Test
    void rotatingTheTokens_rotatesTheDerivedKey_butAConfiguredKeyWins() {
        String key = "k".repeat(32);
        ApiCredentials.Current before = ApiCredentials.parse("first-token-0123456789", Optional.empty());
        ApiCredentials.Current after = ApiCredentials.parse("first-token-0123456789,next-token-0123456789", Optional.empty());
        String cursor = before.cursors().issue("l", Map.of(), TextNode.valueOf("p"));

        assertThrows(InvalidParameterException.class, () -> after.cursors().open(cursor, "l", Map.of()));
        assertFalse(Arrays.equals(ApiCredentials.derivedCursorKey(Set.of("first-token-0123456789")),
                ApiCredentials.derivedCursorKey(Set.of("first-token-012345678", "9"))), "each token length-prefixed");

        String secret = "{\"tokens\": [\"first-token-0123456789\"], \"cursor_key\": \"" + "c".repeat(40) + "\"}";
        String sealed = ApiCredentials.parse(secret, Optional.empty()).cursors().issue("l", Map.of(), TextNode.valueOf("p"));
        new CursorCodec("c".repeat(40).getBytes(StandardCharsets.UTF_8)).open(sealed, "l", Map.of());
        String configured = ApiCredentials.parse(secret, Optional.of(key.getBytes(StandardCharsets.UTF_8))).cursors()
                .issue("l", Map.of(), TextNode.valueOf("p"));
        new CursorCodec(key.getBytes(StandardCharsets.UTF_8)).open(configured, "l", Map.of());
    }

    @Test
    void secretJson_holdsTokensAndTheCursorKey() {
        String secret = "{\"tokens\": [\"token-one-0123456789\", \" \"], \"cursor_key\": \"" + "c".repeat(40) + "\"}";

        assertEquals(Set.of("token-one-0123456789"), ApiTokens.parse(secret));
        assertEquals(Optional.of("c".repeat(40)), ApiTokens.cursorKey(secret));
        assertEquals(Optional.empty(), ApiTokens.cursorKey("token-a,token-b"));
    }
}
