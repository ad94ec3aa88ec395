package dev.autosync.github;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.github.internal.PemKeys;
import java.security.PrivateKey;
import java.security.Signature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PemKeysTest {


    @Test
    void pkcs1Key_asGitHubIssuesIt_signsForTheAppsPublicKey() throws Exception {
        assertSignsForApp(PemKeys.parse(SandboxApp.app().privateKeyPkcs1Pem()));
    }

    @Test
    void pkcs8Key_isTheSameKey() {
        PrivateKey pkcs1 = PemKeys.parse(SandboxApp.app().privateKeyPkcs1Pem());
        PrivateKey pkcs8 = PemKeys.parse(SandboxApp.app().privateKeyPkcs8Pem());
        assertArrayEquals(pkcs8.getEncoded(), pkcs1.getEncoded());
    }

    @Test
    void keyWithLiteralBackslashN_asEnvironmentVariablesCarryIt_isAccepted() throws Exception {
        String oneLine = SandboxApp.app().privateKeyPkcs1Pem().replace("\n", "\\n");
        assertFalse(oneLine.contains("\n"));
        assertSignsForApp(PemKeys.parse(oneLine));
    }

    @Test
    void keyWithWindowsLineBreaksAndSurroundingSpace_isAccepted() throws Exception {
        assertSignsForApp(PemKeys.parse("  \n" + SandboxApp.app().privateKeyPkcs8Pem().replace("\n", "\r\n")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n-----END OPENSSH PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIB!!notbase64\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LW1hdGVyaWFs\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LW1hdGVyaWFs\n-----END PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LW1hdGVyaWFs"})
    void malformedKey_failsSayingWhatWasExpected_withoutEchoingTheKey(String pem) {
        InvalidPrivateKeyException e = assertThrows(InvalidPrivateKeyException.class, () -> PemKeys.parse(pem));

        assertTrue(e.getMessage().contains("BEGIN RSA PRIVATE KEY") && e.getMessage().contains("BEGIN PRIVATE KEY"), e.getMessage());
        // Protects against leaking key material into logs or CloudWatch through a start-up error.
        assertFalse(e.getMessage().contains("c2VjcmV0") || e.getMessage().contains("b3BlbnNzaA") || e.getMessage().contains("MIIB"));
    }

    @Test
    void theStacksPlaceholder_saysToPutTheKeyInTheSecret() {
        InvalidPrivateKeyException e = assertThrows(InvalidPrivateKeyException.class,
                () -> PemKeys.parse(GitHubConfig.PRIVATE_KEY_PLACEHOLDER + "\n"));

        assertTrue(e.getMessage().contains("placeholder") && e.getMessage().contains("put-secret-value"), e.getMessage());
    }

    @Test
    void truncatedPkcs1Key_isRejected() {
        String pem = SandboxApp.app().privateKeyPkcs1Pem();
        String[] lines = pem.split("\n");
        String truncated = lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[lines.length - 1];
        assertThrows(InvalidPrivateKeyException.class, () -> PemKeys.parse(truncated));
    }

    private static void assertSignsForApp(PrivateKey key) throws Exception {
        byte[] data = "autosync".getBytes();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(SandboxApp.app().publicKey());
        verifier.update(data);
        assertTrue(verifier.verify(signature));
    }
}
