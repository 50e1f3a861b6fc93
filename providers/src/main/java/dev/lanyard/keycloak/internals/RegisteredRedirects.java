package dev.lanyard.keycloak.internals;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.RedirectUtils;

import java.util.Optional;

/** Adapter over Keycloak's redirect URI check ({@code keycloak-services}): the same rules as the authorize endpoint. */
public final class RegisteredRedirects {

    private RegisteredRedirects() {
    }

    /**
     * The enabled client that registered {@code redirectUri}: the named one, or, without a {@code clientId}, the
     * first of the realm's clients that did. Empty when none did.
     */
    public static Optional<ClientModel> clientFor(KeycloakSession session, RealmModel realm, String redirectUri, String clientId) {
        if (clientId != null) {
            return Optional.ofNullable(realm.getClientByClientId(clientId))
                    .filter(client -> accepts(session, client, redirectUri));
        }
        return realm.getClientsStream().filter(client -> accepts(session, client, redirectUri)).findFirst();
    }

    private static boolean accepts(KeycloakSession session, ClientModel client, String redirectUri) {
        return client.isEnabled() && !client.isBearerOnly() && client.isStandardFlowEnabled()
                && RedirectUtils.verifyRedirectUri(session, redirectUri, client, false) != null;
    }
}
