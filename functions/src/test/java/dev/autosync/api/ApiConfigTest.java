package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import java.nio.charset.StandardCharsets;
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
    void secretJson_holdsTokensAndTheCursorKey() {
        String secret = "{\"tokens\": [\"token-one-0123456789\", \" \"], \"cursor_key\": \"" + "c".repeat(40) + "\"}";

        assertEquals(Set.of("token-one-0123456789"), ApiTokens.parse(secret));
        assertEquals(Optional.of("c".repeat(40)), ApiTokens.cursorKey(secret));
        assertEquals(Optional.empty(), ApiTokens.cursorKey("token-a,token-b"));
    }
}
