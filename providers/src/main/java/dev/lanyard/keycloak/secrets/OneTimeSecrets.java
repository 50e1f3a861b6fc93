package dev.lanyard.keycloak.secrets;

import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.common.util.Time;
import org.keycloak.jose.jws.crypto.HashUtils;
import org.keycloak.models.KeycloakSession;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Single-use, short-lived secrets for links sent by mail: 256 random bits, kept in Keycloak's single-use
 * object store (cluster-wide) under a hash of the secret only, and consumed by an atomic remove.
 */
public final class OneTimeSecrets {

    private static final String EXPIRES_AT = "lanyard.expires_at";

    private final KeycloakSession session;
    private final String purpose;

    public OneTimeSecrets(KeycloakSession session, String purpose) {
        this.session = session;
        this.purpose = purpose;
    }

    /** Stores {@code data} for {@code lifespanSeconds} and returns the secret that redeems it. */
    public String issue(Map<String, String> data, long lifespanSeconds) {
        String secret = Base64Url.encode(SecretGenerator.getInstance().randomBytes(32));
        Map<String, String> stored = new HashMap<>(data);
        stored.put(EXPIRES_AT, Long.toString(Time.currentTime() + lifespanSeconds));
        session.singleUseObjects().put(key(secret), lifespanSeconds, stored);
        return secret;
    }

    /**
     * Stores {@code data} for {@code lifespanSeconds} under a secret the caller already holds (an authorization code,
     * say), kept hashed as issued secrets are; {@link #redeem} takes it back once.
     */
    public void keep(String secret, Map<String, String> data, long lifespanSeconds) {
        Map<String, String> stored = new HashMap<>(data);
        stored.put(EXPIRES_AT, Long.toString(Time.currentTime() + lifespanSeconds));
        session.singleUseObjects().put(key(secret), lifespanSeconds, stored);
    }

    /** How long the secret of {@code data} (as issued here) still lives, in seconds; 0 or less once expired. */
    public static long secondsLeft(Map<String, String> data) {
        return Long.parseLong(data.getOrDefault(EXPIRES_AT, "0")) - Time.currentTime();
    }

    /** The data of the secret without consuming it; empty if unknown, used or expired. */
    public Optional<Map<String, String>> peek(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(session.singleUseObjects().get(key(secret)));
    }

    /** One try of a limited number: which one ({@code number} from 0), and whether it is the last. */
    public record Attempt(int number, boolean last) {
    }

    /**
     * Claims the first free one of the secret's {@code attempts} tries of {@code kind}, for {@code lifespanSeconds}:
     * of all callers, on every node, exactly one gets each try, so parallel guesses never get more than the limit.
     * Empty when every try is spent.
     */
    public Optional<Attempt> claimAttempt(String secret, String kind, int attempts, long lifespanSeconds) {
        return IntStream.range(0, attempts)
                .filter(slot -> session.singleUseObjects().putIfAbsent(key(secret) + "." + kind + "." + slot, Math.max(1, lifespanSeconds)))
                .boxed().findFirst()
                .map(slot -> new Attempt(slot, slot == attempts - 1));
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
