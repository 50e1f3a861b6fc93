package dev.lanyard.keycloak.admin;

import dev.lanyard.keycloak.access.Caller;
import dev.lanyard.keycloak.http.JsonBody;
import dev.lanyard.keycloak.internals.RealmAdmins;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;

/**
 * {@code {api}/admin/users}: seed 004's user creation, for a caller with {@code manage-users} (an admin session from
 * a trusted origin, or an admin token). A resource of its own, mounted at {@code admin/users} by the API root: the
 * router of older Keycloak servers (26.4) sends {@code admin/users} to the longer {@code admin/users/{userId}/...}
 * locator rather than back to {@code admin}.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class AdminUsersResource {

    private final KeycloakSession session;

    public AdminUsersResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    public Response create(InputStream body) {
        Caller caller = Caller.requireAdmin(session, RealmAdmins.Right.MANAGE_USERS);
        NewUserRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, NewUserRequest.class);
        return Response.status(Response.Status.CREATED).entity(new UserAdminService(session).create(request, caller.actor())).build();
    }
}
