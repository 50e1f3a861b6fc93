package dev.lanyard.keycloak.permissions;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.JsonBody;
import dev.lanyard.keycloak.internals.RealmAdmins;
import dev.lanyard.keycloak.access.Caller;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;

/**
 * {@code {api}/admin/users/{userId}/apps/{clientId}/permissions}: permission changes by realm admins, with an admin
 * session cookie or the bearer token of a user who may manage the realm's users. Served with the admin routes.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class AdminPermissionResource {

    private final KeycloakSession session;
    private final String userId;
    private final String clientId;

    public AdminPermissionResource(KeycloakSession session, String userId, String clientId) {
        this.session = session;
        this.userId = userId;
        this.clientId = clientId;
    }

    @PUT
    public PermissionRepresentation update(InputStream body) {
        Caller caller = admin(session);
        AppTarget target = target();
        PermissionUpdateRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, PermissionUpdateRequest.class);
        return new PermissionService(session).update(target.user(), target.client(), request, caller.actor(), false);
    }

    @DELETE
    public PermissionRepresentation revoke() {
        Caller caller = admin(session);
        AppTarget target = target();
        return new PermissionService(session).revoke(target.user(), target.client(), caller.actor(), false);
    }

    /** The caller, who must be a realm admin who may manage the realm's users. */
    static Caller admin(KeycloakSession session) {
        return Caller.requireAdmin(session, RealmAdmins.Right.MANAGE_USERS);
    }

    private AppTarget target() {
        return AppTarget.find(session, userId, clientId).orElseThrow(() -> ApiException.notFound("No such user or client"));
    }
}
