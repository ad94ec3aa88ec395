package dev.autosync.standins;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class LocalStackBackendTest {

    @Test
    void withoutAContainerEngine_startFailsWithOneClearLine() {
        assumeFalse(dockerAvailable(), "a container engine is present: the LocalStack backend can really start here");

        StandInException failure = assertThrows(StandInException.class, () -> AwsBackend.start("localstack"));

        assertTrue(failure.getMessage().contains("container engine"), failure.getMessage());
        assertTrue(!failure.getMessage().contains("\n"), "one line: " + failure.getMessage());
    }

    @Test
    void unknownBackend_isRejectedNamingTheChoices() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> AwsBackend.start("dynamodb-local"));

        assertTrue(failure.getMessage().contains("embedded"), failure.getMessage());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
