package dev.lanyard.keycloak.permissions;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.PageRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

import java.util.Optional;

/**
 * {@code {api}/admin/apps/{clientId}/permissions}: an app's permission records, which realm admins work through
 * pending requests with; the same callers as {@link AdminPermissionResource}. Served with the admin routes.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class AdminPermissionListResource {

    private final KeycloakSession session;
    private final String clientId;

    public AdminPermissionListResource(KeycloakSession session, String clientId) {
        this.session = session;
        this.clientId = clientId;
    }

    @GET
    public PermissionListRepresentation list(@QueryParam("status") String status,
                                             @QueryParam("first") @DefaultValue("0") String first,
                                             @QueryParam("max") @DefaultValue("20") String max) {
        AdminPermissionResource.admin(session);
        ClientModel client = Optional.ofNullable(session.getContext().getRealm().getClientByClientId(clientId))
                .orElseThrow(() -> ApiException.notFound("No such client"));
        if (status != null && PermissionStatus.settable(status).isEmpty()) {
            throw ApiException.invalidRequest("status must be pending, approved, denied or revoked");
        }
        PageRequest page = PageRequest.of(first, max);
        return new PermissionListRepresentation(new PermissionService(session).list(client, status, page.first(), page.max()),
                page.first(), page.max());
    }
}
