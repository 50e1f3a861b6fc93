package dev.lanyard.keycloak.internals;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

import java.util.List;

/**
 * Who makes a change, as Keycloak's admin API sees them: a user with a session ({@code token} null) or with a token
 * issued to {@code client}. Services ask it what Keycloak's admin rules allow and record the change in its name.
 */
public record AdminActor(UserModel user, AccessToken token, ClientModel client) {

    /**
     * Whether the actor may give or take away {@code role}, as Keycloak's admin API decides for role mappings (an
     * admin of users may not hand out roles beyond their own, such as {@code realm-admin}).
     */
    public boolean mayMapRole(KeycloakSession session, RoleModel role) {
        return token != null
                ? RealmAdmins.tokenMayMapRole(session, session.getContext().getRealm(), token, user, client, role)
                : RealmAdmins.mayMapRole(session, session.getContext().getRealm(), user, role);
    }

    /** Records a change of a Keycloak resource ({@code CLIENT}, {@code USER}, {@code CUSTOM}, ...) as a Keycloak admin event. */
    public void recordEvent(KeycloakSession session, ResourceType type, OperationType operation, List<String> path, Object representation) {
        KeycloakAdminEvents.record(session, user, token, client, type, operation, path, representation);
    }
}
