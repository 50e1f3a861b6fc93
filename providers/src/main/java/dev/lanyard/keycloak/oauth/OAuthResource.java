package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.internals.NativeOidcEndpoints;
import dev.lanyard.keycloak.http.RequestForm;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;

/**
 * {@code {api}/oauth}: the seeds' OAuth routes, served by Keycloak's own OpenID Connect endpoints in-process.
 * Bodies may be forms or JSON; answers and errors are exactly Keycloak's (RFC 6749).
 */
@Produces(MediaType.APPLICATION_JSON)
public final class OAuthResource {

    private final KeycloakSession session;

    public OAuthResource(KeycloakSession session) {
        this.session = session;
    }

    /** A redirect to the native authorization endpoint with every parameter kept. */
    @GET
    @Path("authorize")
    public Response authorize() {
        return Response.status(Response.Status.FOUND)
                .location(new AuthorizeRedirect(session).target(session.getContext().getUri().getQueryParameters()))
                .build();
    }

    @POST
    @Path("token")
    public Response token(InputStream body) {
        return endpoints().token(form(body));
    }

    @GET
    @Path("userinfo")
    public Response userInfo() {
        return endpoints().userInfoGet();
    }

    @POST
    @Path("userinfo")
    public Response userInfoPost(InputStream body) {
        // A bearer token in the Authorization header needs no body at all.
        MultivaluedMap<String, String> form = session.getContext().getRequestHeaders().getMediaType() == null
                ? new MultivaluedHashMap<>() : form(body);
        return endpoints().userInfoPost(form);
    }

    @POST
    @Path("revoke")
    public Response revoke(InputStream body) {
        return endpoints().revoke(form(body));
    }

    @POST
    @Path("introspect")
    public Response introspect(InputStream body) {
        return endpoints().introspect(form(body));
    }

    /** The scopes a user may be asked to consent to: public, no authentication. */
    @GET
    @Path("scopes")
    public ScopeListRepresentation scopes() {
        return new ConsentScopes(session).list();
    }

    private MultivaluedMap<String, String> form(InputStream body) {
        return RequestForm.read(session, body);
    }

    private NativeOidcEndpoints endpoints() {
        return new NativeOidcEndpoints(session);
    }
}
