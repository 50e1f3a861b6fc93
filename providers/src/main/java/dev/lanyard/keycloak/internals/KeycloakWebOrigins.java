package dev.lanyard.keycloak.internals;

import dev.lanyard.keycloak.clients.FirstPartyClients;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;

import java.util.Set;
import java.util.stream.Collectors;

/** Adapter over Keycloak's web-origin resolution ({@code keycloak-services} internal). */
public final class KeycloakWebOrigins {

    private KeycloakWebOrigins() {
    }

    /**
     * The web origins registered on the realm's first-party clients ({@link FirstPartyClients}), "+" (origins
     * of the redirect URIs) resolved. Other clients' origins, disabled clients' among them, never count.
     */
    public static Set<String> ofFirstPartyClients(KeycloakSession session, RealmModel realm) {
        return realm.getClientsStream()
                .filter(FirstPartyClients::isFirstParty)
                .flatMap(client -> WebOriginsUtils.resolveValidWebOrigins(session, client).stream())
                .collect(Collectors.toSet());
    }
}
