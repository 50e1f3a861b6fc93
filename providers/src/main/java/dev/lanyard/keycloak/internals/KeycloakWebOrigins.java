package dev.lanyard.keycloak.internals;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;

import java.util.Set;
import java.util.stream.Collectors;

/** Adapter over Keycloak's web-origin resolution ({@code keycloak-services} internal). */
public final class KeycloakWebOrigins {

    private KeycloakWebOrigins() {
    }

    /** Every web origin registered on the realm's clients, "+" (origins of the redirect URIs) resolved. */
    public static Set<String> of(KeycloakSession session, RealmModel realm) {
        return realm.getClientsStream()
                .flatMap(client -> WebOriginsUtils.resolveValidWebOrigins(session, client).stream())
                .collect(Collectors.toSet());
    }
}
