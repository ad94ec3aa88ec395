package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.ConfigurationException;
import dev.autosync.common.EnvVars;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalRunnerStartTest {

    // Before, the configuration was validated only after the gateway and the poller had started, and a
    // failed start left them running: the port stayed taken and the poller kept consuming.
    @Test
    void malformedConfiguration_failsBeforeServing_andLeavesThePortFree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> LocalRunner.start(Map.of(
                EnvVars.AUTOSYNC_PORT, Integer.toString(port), EnvVars.AUTOSYNC_DEMO_DATA, "perhaps")));

        assertTrue(e.getMessage().contains(EnvVars.AUTOSYNC_DEMO_DATA), e.getMessage());
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(port));
        }
    }
}
