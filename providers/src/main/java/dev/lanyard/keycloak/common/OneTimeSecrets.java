package dev.lanyard.keycloak.common;

import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.jose.jws.crypto.HashUtils;
import org.keycloak.models.KeycloakSession;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Single-use, short-lived secrets for links sent by mail: 256 random bits, kept in Keycloak's single-use
 * object store (cluster-wide) under a hash of the secret only, and consumed by an atomic remove.
 */
public final class OneTimeSecrets {

    private final KeycloakSession session;
    private final String purpose;

    public OneTimeSecrets(KeycloakSession session, String purpose) {
        this.session = session;
        this.purpose = purpose;
    }

    /** Stores {@code data} for {@code lifespanSeconds} and returns the secret that redeems it. */
    public String issue(Map<String, String> data, long lifespanSeconds) {
        String secret = Base64Url.encode(SecretGenerator.getInstance().randomBytes(32));
        session.singleUseObjects().put(key(secret), lifespanSeconds, data);
        return secret;
    }

    /** Whether the secret can still be redeemed; does not consume it. */
    public boolean isRedeemable(String secret) {
        return secret != null && !secret.isBlank() && session.singleUseObjects().contains(key(secret));
    }

    /** The data of the secret without consuming it; empty if unknown, used or expired. */
    public Optional<Map<String, String>> peek(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(session.singleUseObjects().get(key(secret)));
    }

    /** Replaces the data of a secret that is still redeemable; false if it no longer is. */
    public boolean update(String secret, Map<String, String> data) {
        return session.singleUseObjects().replace(key(secret), data);
    }

    /** The data of the secret, which can never be redeemed again; empty if unknown, used or expired. */
    public Optional<Map<String, String>> redeem(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(session.singleUseObjects().remove(key(secret)));
    }

    private String key(String secret) {
        return "lanyard." + purpose + "." + HashUtils.sha256UrlEncodedHash(secret, StandardCharsets.UTF_8);
    }
}
