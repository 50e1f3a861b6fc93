package dev.lanyard.keycloak.permissions;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.JsonBody;
import dev.lanyard.keycloak.http.PageRequest;
import dev.lanyard.keycloak.internals.RealmAdmins;
import dev.lanyard.keycloak.access.Caller;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;
import java.util.Optional;

/**
 * {@code {api}/admin/...permissions} (reached through {@code admin.AdminResource}): permission changes by realm
 * admins, with an admin session cookie or the bearer token of a user who may manage the realm's users; and the
 * listing admins work through pending requests with.
 */
public final class AdminPermissionResource {

    private final KeycloakSession session;

    public AdminPermissionResource(KeycloakSession session) {
        this.session = session;
    }

    public PermissionRepresentation update(String userId, String clientId, InputStream body) {
        Caller caller = admin();
        AppTarget target = target(userId, clientId);
        PermissionUpdateRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, PermissionUpdateRequest.class);
        return new PermissionService(session).update(target.user(), target.client(), request, caller.actor(), false);
    }

    public PermissionRepresentation revoke(String userId, String clientId) {
        Caller caller = admin();
        AppTarget target = target(userId, clientId);
        return new PermissionService(session).revoke(target.user(), target.client(), caller.actor(), false);
    }

    public PermissionListRepresentation list(String clientId, String status, String first, String max) {
        admin();
        ClientModel client = Optional.ofNullable(session.getContext().getRealm().getClientByClientId(clientId))
                .orElseThrow(() -> ApiException.notFound("No such client"));
        if (status != null && PermissionStatus.settable(status).isEmpty()) {
            throw ApiException.invalidRequest("status must be pending, approved, denied or revoked");
        }
        PageRequest page = PageRequest.of(first, max);
        return new PermissionListRepresentation(new PermissionService(session).list(client, status, page.first(), page.max()),
                page.first(), page.max());
    }

    private Caller admin() {
        Caller caller = Caller.identify(session);
        return caller.require(caller.isAdmin(RealmAdmins.Right.MANAGE_USERS));
    }

    private AppTarget target(String userId, String clientId) {
        return AppTarget.find(session, userId, clientId).orElseThrow(() -> ApiException.notFound("No such user or client"));
    }
}
