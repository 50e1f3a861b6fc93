package dev.lanyard.keycloak.signin;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.TokenCategory;
import org.keycloak.representations.JsonWebToken;

/**
 * The signed value of the {@code public-session} cookie. Its type and audience are Lanyard's own, so it is
 * never accepted as Keycloak's SSO cookie ({@code KEYCLOAK_IDENTITY}, type {@code Serialized-ID}), and that
 * cookie's token is never accepted as a public session.
 */
public class PublicSessionToken extends JsonWebToken {

    public static final String TYPE = "lanyard-public-session";

    @JsonProperty("sid")
    private String sessionId;

    public String getSessionId() {
        return sessionId;
    }

    public PublicSessionToken sessionId(String sessionId) {
        this.sessionId = sessionId;
        return this;
    }

    /** Signed like Keycloak's own cookies: with the realm's keys for internal tokens. */
    @Override
    public TokenCategory getCategory() {
        return TokenCategory.INTERNAL;
    }
}
