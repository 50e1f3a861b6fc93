package dev.lanyard.keycloak.permissions;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Optional;

/**
 * The user and app a permission route names: the Keycloak user id and the OAuth {@code client_id}. Empty when
 * either is unknown; routes then answer exactly as for a caller who may not call, so nothing tells whether
 * the user or the client exists.
 */
record AppTarget(UserModel user, ClientModel client) {

    static Optional<AppTarget> find(KeycloakSession session, String userId, String clientId) {
        RealmModel realm = session.getContext().getRealm();
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        return user == null || client == null ? Optional.empty() : Optional.of(new AppTarget(user, client));
    }
}
