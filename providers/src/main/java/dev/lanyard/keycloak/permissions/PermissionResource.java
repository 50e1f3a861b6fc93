package dev.lanyard.keycloak.permissions;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.access.Caller;
import dev.lanyard.keycloak.http.JsonBody;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;
import java.util.function.Predicate;

/**
 * {@code {api}/users/{userId}/apps/{clientId}}: exactly the seed's callers (ARCHITECTURE §5). Reading: the
 * user's own token for the app, the app's token with {@code manage_permissions}, or an admin session.
 * Writing: the app's token with {@code manage_permissions}. Asking for access: the user's own token for the app.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class PermissionResource {

    static final String MANAGE_PERMISSIONS = "manage_permissions";

    private final KeycloakSession session;
    private final String userId;
    private final String clientId;

    public PermissionResource(KeycloakSession session, String userId, String clientId) {
        this.session = session;
        this.userId = userId;
        this.clientId = clientId;
    }

    @GET
    @Path("permissions")
    public PermissionRepresentation read() {
        Caller caller = Caller.identify(session);
        AppTarget target = allowed(caller, app -> caller.isUserTokenFor(app.user(), app.client())
                || caller.isClientTokenWithScope(app.client(), MANAGE_PERMISSIONS)
                || caller.isAdminSession());
        return service().read(target.user(), target.client());
    }

    @PUT
    @Path("permissions")
    public PermissionRepresentation update(InputStream body) {
        Caller caller = Caller.identify(session);
        AppTarget target = allowed(caller, app -> caller.isClientTokenWithScope(app.client(), MANAGE_PERMISSIONS));
        PermissionUpdateRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, PermissionUpdateRequest.class);
        return service().update(target.user(), target.client(), request, caller.actor(), true);
    }

    @DELETE
    @Path("permissions")
    public PermissionRepresentation revoke() {
        Caller caller = Caller.identify(session);
        AppTarget target = allowed(caller, app -> caller.isClientTokenWithScope(app.client(), MANAGE_PERMISSIONS));
        return service().revoke(target.user(), target.client(), caller.actor(), true);
    }

    @POST
    @Path("request-access")
    public Response requestAccess(InputStream body) {
        Caller caller = Caller.identify(session);
        AppTarget target = allowed(caller, app -> caller.isUserTokenFor(app.user(), app.client()));
        AccessRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, AccessRequest.class);
        PermissionRepresentation permission = service().requestAccess(target.user(), target.client(), request, caller.actor());
        boolean approved = PermissionStatus.APPROVED.value().equals(permission.status());
        return Response.status(approved ? 200 : 202).entity(permission).build();
    }

    /** The named user and app if the caller may act on them; 403 otherwise, and for unknown ones alike. */
    private AppTarget allowed(Caller caller, Predicate<AppTarget> rule) {
        return AppTarget.find(session, userId, clientId).filter(rule)
                .orElseThrow(() -> ApiException.accessDenied("The caller may not do this"));
    }

    private PermissionService service() {
        return new PermissionService(session);
    }
}
