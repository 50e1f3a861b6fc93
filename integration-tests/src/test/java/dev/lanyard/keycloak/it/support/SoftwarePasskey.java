package dev.lanyard.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A software WebAuthn authenticator for the tests: one ES256 passkey, made with {@code none} or {@code packed} self
 * attestation and asserted
 * with its key, as {@code navigator.credentials.create()/get()} would answer (their WebAuthn Level 3 JSON). What a real
 * authenticator would refuse to do (a foreign origin, missing flags, a counter going back) it does when told to, so
 * the tests can see the server refuse it.
 */
public final class SoftwarePasskey {

    public static final int USER_PRESENT = 0x01;
    public static final int USER_VERIFIED = 0x04;
    private static final int ATTESTED_CREDENTIAL_DATA = 0x40;

    private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_URL_DECODER = Base64.getUrlDecoder();

    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private byte[] userHandle;
    private long counter;
    private Attestation attestation = Attestation.NONE;

    /** How {@link #create} attests the new passkey. */
    public enum Attestation {
        /** {@code none}: no statement. */
        NONE,
        /** {@code packed} self attestation: the new key signs the authenticator data and the client data's hash. */
        PACKED_SELF,
        /** {@code packed} self attestation whose signature is not over what it claims (a tampered statement). */
        PACKED_SELF_TAMPERED
    }

    public SoftwarePasskey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        new SecureRandom().nextBytes(credentialId);
    }

    public String credentialId() {
        return BASE64_URL.encodeToString(credentialId);
    }

    /** The user handle the passkey keeps; a test may forge another. */
    public void userHandle(byte[] handle) {
        this.userHandle = handle;
    }

    /** Makes {@link #create} attest as {@code attestation} says. */
    public SoftwarePasskey attesting(Attestation attestation) {
        this.attestation = attestation;
        return this;
    }

    /** Sets the signature counter the next assertion starts from. */
    public void counter(long value) {
        this.counter = value;
    }

    /** A {@code RegistrationResponseJSON} for these creation options, made at {@code origin} with {@code flags}. */
    public String create(JsonNode options, String origin, int flags) {
        userHandle = BASE64_URL_DECODER.decode(options.get("user").get("id").asText());
        String rpId = options.get("rp").get("id").asText();
        byte[] clientData = clientData("webauthn.create", options.get("challenge").asText(), origin);
        byte[] authenticatorData = concat(sha256(rpId.getBytes(StandardCharsets.UTF_8)), new byte[]{(byte) (flags | ATTESTED_CREDENTIAL_DATA)},
                ByteBuffer.allocate(4).putInt((int) counter).array(), new byte[16],
                ByteBuffer.allocate(2).putShort((short) credentialId.length).array(), credentialId, coseKey());
        Map<Object, Object> attestationObject = new LinkedHashMap<>();
        if (attestation == Attestation.NONE) {
            attestationObject.put("fmt", "none");
            attestationObject.put("attStmt", Map.of());
        } else {
            byte[] signed = concat(authenticatorData, sha256(clientData));
            if (attestation == Attestation.PACKED_SELF_TAMPERED) {
                signed[signed.length - 1] ^= 1;
            }
            Map<Object, Object> statement = new LinkedHashMap<>();
            statement.put("alg", -7);
            statement.put("sig", sign(signed));
            attestationObject.put("fmt", "packed");
            attestationObject.put("attStmt", statement);
        }
        attestationObject.put("authData", authenticatorData);
        ObjectNode credential = Reply.JSON.createObjectNode().put("id", credentialId()).put("rawId", credentialId())
                .put("type", "public-key");
        ObjectNode response = credential.putObject("response")
                .put("clientDataJSON", BASE64_URL.encodeToString(clientData))
                .put("attestationObject", BASE64_URL.encodeToString(Cbor.encode(attestationObject)));
        response.putArray("transports").add("internal");
        credential.putObject("clientExtensionResults");
        return credential.toString();
    }

    /** An {@code AuthenticationResponseJSON} for these request options, at {@code origin} for {@code rpId}, with {@code flags}. */
    public String get(JsonNode options, String origin, String rpId, int flags) {
        counter++;
        byte[] clientData = clientData("webauthn.get", options.get("challenge").asText(), origin);
        byte[] authenticatorData = concat(sha256(rpId.getBytes(StandardCharsets.UTF_8)), new byte[]{(byte) flags},
                ByteBuffer.allocate(4).putInt((int) counter).array());
        byte[] signature = sign(concat(authenticatorData, sha256(clientData)));
        ObjectNode credential = Reply.JSON.createObjectNode().put("id", credentialId()).put("rawId", credentialId())
                .put("type", "public-key");
        credential.putObject("response")
                .put("clientDataJSON", BASE64_URL.encodeToString(clientData))
                .put("authenticatorData", BASE64_URL.encodeToString(authenticatorData))
                .put("signature", BASE64_URL.encodeToString(signature))
                .put("userHandle", BASE64_URL.encodeToString(userHandle));
        credential.putObject("clientExtensionResults");
        return credential.toString();
    }

    /** An ES256 signature (DER, as authenticators send it) by the passkey's key. */
    private byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The passkey's public key as a COSE EC2 key (kty 2, alg ES256 = -7, crv P-256 = 1, x, y). */
    private byte[] coseKey() {
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        Map<Object, Object> cose = new LinkedHashMap<>();
        cose.put(1, 2);
        cose.put(3, -7);
        cose.put(-1, 1);
        cose.put(-2, coordinate(key.getW().getAffineX()));
        cose.put(-3, coordinate(key.getW().getAffineY()));
        return Cbor.encode(cose);
    }

    private static byte[] coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        ObjectNode data = Reply.JSON.createObjectNode().put("type", type).put("challenge", challenge).put("origin", origin)
                .put("crossOrigin", false);
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The few CBOR items (RFC 8949) an attestation object and a COSE key need: integers, byte and text strings, maps. */
    static final class Cbor {

        private Cbor() {
        }

        static byte[] encode(Object item) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(out, item);
            return out.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, Object item) {
            if (item instanceof Integer number) {
                if (number >= 0) {
                    head(out, 0, number);
                } else {
                    head(out, 1, -1L - number);
                }
            } else if (item instanceof byte[] bytes) {
                head(out, 2, bytes.length);
                out.writeBytes(bytes);
            } else if (item instanceof String text) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                head(out, 3, bytes.length);
                out.writeBytes(bytes);
            } else if (item instanceof Map<?, ?> map) {
                head(out, 5, map.size());
                map.forEach((key, value) -> {
                    write(out, key);
                    write(out, value);
                });
            } else {
                throw new IllegalArgumentException("No CBOR for " + item);
            }
        }

        /** A major type and its argument: in the first byte below 24, else in the 1, 2 or 4 bytes that follow. */
        private static void head(ByteArrayOutputStream out, int majorType, long argument) {
            int major = majorType << 5;
            if (argument < 24) {
                out.write(major | (int) argument);
            } else if (argument < 0x100) {
                out.write(major | 24);
                out.write((int) argument);
            } else if (argument < 0x10000) {
                out.write(major | 25);
                out.writeBytes(ByteBuffer.allocate(2).putShort((short) argument).array());
            } else {
                out.write(major | 26);
                out.writeBytes(ByteBuffer.allocate(4).putInt((int) argument).array());
            }
        }
    }
}
