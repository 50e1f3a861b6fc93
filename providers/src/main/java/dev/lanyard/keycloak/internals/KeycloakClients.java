package dev.lanyard.keycloak.internals;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.managers.ClientManager;
import org.keycloak.services.managers.RealmManager;

/**
 * Adapter over Keycloak's client manager ({@code keycloak-services}): clients made as the admin console makes them
 * (the realm's default client scopes and protocol mappers), with the service account their switch asks for.
 */
public final class KeycloakClients {

    private KeycloakClients() {
    }

    public static ClientModel create(KeycloakSession session, ClientRepresentation representation) {
        ClientModel client = ClientManager.createClient(session, session.getContext().getRealm(), representation);
        serviceAccount(session, client, Boolean.TRUE.equals(representation.isServiceAccountsEnabled()));
        return client;
    }

    /** Turns the client's service account (client credentials grant) on, making its user if needed, or off. */
    public static void serviceAccount(KeycloakSession session, ClientModel client, boolean enabled) {
        ClientManager manager = new ClientManager(new RealmManager(session));
        boolean hasAccount = session.users().getServiceAccount(client) != null;
        if (enabled && !hasAccount) {
            manager.enableServiceAccount(client);
        } else if (!enabled && (hasAccount || client.isServiceAccountsEnabled())) {
            manager.disableServiceAccount(client);
        }
    }
}
