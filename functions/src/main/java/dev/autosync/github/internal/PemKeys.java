package dev.autosync.github.internal;

import dev.autosync.github.GitHubConfig;
import dev.autosync.github.InvalidPrivateKeyException;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the App's private key from PEM text: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what GitHub
 * hands out) or PKCS#8 ({@code BEGIN PRIVATE KEY}), with real line breaks or literal {@code \n} as
 * environment variables often carry them. The JDK reads only PKCS#8, so a PKCS#1 key is wrapped in a
 * PKCS#8 PrivateKeyInfo here rather than pulling in BouncyCastle.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5208#section-5">RFC 5208 §5, PrivateKeyInfo</a>
 */
public final class PemKeys {

    private static final String PKCS1 = "RSA PRIVATE KEY";
    private static final String PKCS8 = "PRIVATE KEY";
    private static final String EXPECTED = "expected a PEM RSA private key: '-----BEGIN RSA PRIVATE KEY-----' (PKCS#1,"
            + " as GitHub issues it) or '-----BEGIN PRIVATE KEY-----' (PKCS#8), with real or literal \\n line breaks";
    /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemKeys() {
    }

    /** The key, or {@link InvalidPrivateKeyException} saying what was expected (never echoing the input). */
    public static PrivateKey parse(String pem) {
        String text = pem == null ? "" : pem.replace("\\n", "\n").replace("\r", "").strip();
        String type = text.startsWith("-----BEGIN " + PKCS1 + "-----") ? PKCS1
                : text.startsWith("-----BEGIN " + PKCS8 + "-----") ? PKCS8 : null;
        if (GitHubConfig.PRIVATE_KEY_PLACEHOLDER.equals(text)) {
            throw new InvalidPrivateKeyException("GitHub App private key: the secret still holds the placeholder the stack"
                    + " created; put the App's PEM private key in it (aws secretsmanager put-secret-value --secret-id"
                    + " <PrivateKeySecret output> --secret-string file://<app>.private-key.pem); it is read again within 5 minutes");
        }
        if (type == null) {
            throw new InvalidPrivateKeyException("GitHub App private key: " + EXPECTED
                    + (text.contains("ENCRYPTED") || text.contains("OPENSSH") ? "; encrypted and OpenSSH keys are not supported" : ""));
        }
        String footer = "-----END " + type + "-----";
        int end = text.indexOf(footer);
        if (end < 0) {
            throw new InvalidPrivateKeyException("GitHub App private key: no '" + footer + "' line; " + EXPECTED);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(("-----BEGIN " + type + "-----").length(), end));
        } catch (IllegalArgumentException e) {
            throw new InvalidPrivateKeyException("GitHub App private key: the text between the BEGIN and END lines is not base64; " + EXPECTED);
        }
        try {
            byte[] pkcs8 = PKCS1.equals(type) ? wrapPkcs1(der) : der;
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidPrivateKeyException("GitHub App private key: the " + (PKCS1.equals(type) ? "PKCS#1" : "PKCS#8")
                    + " data is not a valid RSA private key; " + EXPECTED);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING { RSAPrivateKey } }. */
    static byte[] wrapPkcs1(byte[] rsaPrivateKey) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(tagged(0x04, rsaPrivateKey));
        return tagged(0x30, body.toByteArray());
    }

    /** DER tag, definite length (short form below 128, else long form), then the content. */
    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
