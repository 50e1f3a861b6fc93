package dev.lanyard.keycloak.internals;

import org.keycloak.OAuthErrorException;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.representations.IDToken;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Adapter over the checks of Keycloak's RP-initiated logout ({@code keycloak-services}): the ID token hint
 * (signed by the realm) and a client's registered post-logout redirect URIs ({@code +} meaning its redirect URIs).
 */
public final class KeycloakLogoutRedirects {

    private KeycloakLogoutRedirects() {
    }

    /** The ID token of an {@code id_token_hint}, if the realm signed it (it may have expired, as logout allows). */
    public static Optional<IDToken> idToken(KeycloakSession session, String hint) {
        try {
            IDToken token = new TokenManager().verifyIDTokenSignature(session, hint);
            TokenVerifier.createWithoutSignature(token).tokenType(List.of("ID")).verify();
            return Optional.of(token);
        } catch (OAuthErrorException | VerificationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code uri} as Keycloak accepts it after logout for {@code client}; empty when the client did not register it. */
    public static Optional<String> verify(KeycloakSession session, ClientModel client, String uri) {
        List<String> registered = OIDCAdvancedConfigWrapper.fromClientModel(client).getPostLogoutRedirectUris();
        if (registered == null || registered.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(RedirectUtils.verifyRedirectUri(session, client.getRootUrl(), uri, new HashSet<>(registered), true));
    }
}
