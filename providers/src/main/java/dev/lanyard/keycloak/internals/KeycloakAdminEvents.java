package dev.lanyard.keycloak.internals;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.List;

/** Adapter over Keycloak's admin events ({@code keycloak-services}): who changed what, from what to what. */
public final class KeycloakAdminEvents {

    private KeycloakAdminEvents() {
    }

    /** {@code token} and {@code client} are null for a change made through a session or a login page. */
    public static void record(KeycloakSession session, UserModel user, AccessToken token, ClientModel client,
                              ResourceType type, OperationType operation, List<String> path, Object representation) {
        new AdminEventBuilder(session.getContext().getRealm(), RealmAdmins.actor(session, user, token, client), session,
                session.getContext().getConnection())
                .operation(operation)
                .resource(type)
                .resourcePath(path.toArray(String[]::new))
                .representation(representation)
                .success();
    }
}
