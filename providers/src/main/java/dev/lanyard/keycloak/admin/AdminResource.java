package dev.lanyard.keycloak.admin;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.JsonBody;
import dev.lanyard.keycloak.http.PageRequest;
import dev.lanyard.keycloak.internals.RealmAdmins;
import dev.lanyard.keycloak.access.Caller;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

import java.io.InputStream;
import java.util.List;

/**
 * {@code {api}/admin/clients}: seed 004's client administration, for an admin session cookie (trusted origin for
 * writes) or an admin bearer token, judged by Keycloak's admin permission evaluator ({@code view-clients} to read,
 * {@code manage-clients} to write): 401 without credentials, 403 without the right. Users are
 * {@link AdminUsersResource}'s; the app-permission routes for admins ({@code admin/users/.../permissions},
 * {@code admin/apps/...}) are {@code permissions}' own, mounted beside these by the API root.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class AdminResource {

    private final KeycloakSession session;

    public AdminResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("clients")
    public List<RegisteredClientRepresentation> clients(@QueryParam("first") @DefaultValue("0") String first,
                                                        @QueryParam("max") @DefaultValue("20") String max) {
        admin(RealmAdmins.Right.VIEW_CLIENTS);
        PageRequest page = PageRequest.of(first, max);
        return new ClientAdminService(session).list(page.first(), page.max());
    }

    @POST
    @Path("clients")
    public Response register(InputStream body) {
        Caller caller = admin(RealmAdmins.Right.MANAGE_CLIENTS);
        RegisteredClientRepresentation registered = new ClientAdminService(session).register(metadata(body), caller.actor());
        return Response.status(Response.Status.CREATED).entity(registered).build();
    }

    @GET
    @Path("clients/{clientId}")
    public RegisteredClientRepresentation client(@PathParam("clientId") String clientId) {
        admin(RealmAdmins.Right.VIEW_CLIENTS);
        return new ClientAdminService(session).get(clientId);
    }

    @PUT
    @Path("clients/{clientId}")
    public RegisteredClientRepresentation update(@PathParam("clientId") String clientId, InputStream body) {
        Caller caller = admin(RealmAdmins.Right.MANAGE_CLIENTS);
        return new ClientAdminService(session).update(clientId, metadata(body), caller.actor());
    }

    private Caller admin(RealmAdmins.Right right) {
        return Caller.requireAdmin(session, right);
    }

    /** Seed 004's metadata; a body of the wrong shape is RFC 7591's {@code invalid_client_metadata}. */
    private ClientMetadataRequest metadata(InputStream body) {
        try {
            return JsonBody.read(session.getContext().getRequestHeaders(), body, ClientMetadataRequest.class);
        } catch (ApiException e) {
            if (e.status() == 400) {
                throw ClientMetadata.invalid(((OAuth2ErrorRepresentation) e.body()).getErrorDescription());
            }
            throw e;
        }
    }
}
