package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.access.Browser;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.JsonBody;
import dev.lanyard.keycloak.signin.SignedInUser;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

import java.io.InputStream;

/** {@code {api}/public/pin}: the signed-in user sets, changes or removes their PIN, confirming with the password. */
@Produces(MediaType.APPLICATION_JSON)
public final class PinResource {

    private final KeycloakSession session;

    public PinResource(KeycloakSession session) {
        this.session = session;
    }

    @PUT
    @Path("/")
    public Response set(InputStream body) {
        UserModel user = signedInUser();
        PinRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, PinRequest.class);
        if (request.pin() == null || request.password() == null) {
            throw ApiException.invalidRequest("pin and password are required");
        }
        new PinService(session).setWithPassword(user, request.password(), request.pin());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/")
    public Response remove(InputStream body) {
        UserModel user = signedInUser();
        // A DELETE often comes without a body: that is a missing password, not a wrong media type.
        PinRequest request = session.getContext().getRequestHeaders().getMediaType() == null
                ? new PinRequest(null, null, null)
                : JsonBody.read(session.getContext().getRequestHeaders(), body, PinRequest.class);
        if (request.password() == null) {
            throw ApiException.invalidRequest("password is required");
        }
        new PinService(session).removeWithPassword(user, request.password());
        return Response.noContent().build();
    }

    /** Lanyard's own session cookie only, from a trusted page (the origin is checked first, as before the session). */
    private UserModel signedInUser() {
        Browser browser = Browser.of(session);
        browser.origins().requireTrustedOrigin();
        return browser.lanyardSession()
                .map(SignedInUser::user)
                .orElseThrow(() -> ApiException.invalidSession("No valid public session"));
    }
}
